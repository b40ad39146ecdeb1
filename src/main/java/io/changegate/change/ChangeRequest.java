package io.changegate.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A change as a pipeline or a person submits it ({@code POST /api/changes}). The requester is the
 * authenticated user, never a field. Levels are bound as text so that every invalid field is reported
 * at once rather than the first unparsable one. {@code commit} is what the pipeline built from; {@code team} the team
 * that delivers the change (default: the requester's group);
 * {@code flagRollout} and {@code preTraffic} the release-safety steps around its traffic (docs/release-safety.md).
 */
public record ChangeRequest(
    @NotBlank @Size(max = 200) String title,
    @Size(max = 4000) String description,
    @NotBlank @Pattern(regexp = Names.PATTERN, message = Names.MESSAGE) String service,
    @NotBlank @Pattern(regexp = Names.PATTERN, message = Names.MESSAGE) String environment,
    @Valid Artifact artifact,
    @NotBlank @Pattern(regexp = LEVELS, message = LEVELS_MESSAGE) String impact,
    @NotBlank @Pattern(regexp = LEVELS, message = LEVELS_MESSAGE) String urgency,
    Boolean regulated,
    Boolean securityRelevant,
    @Size(max = 100) String standardChangeTemplate,
    Boolean emergency,
    @Size(max = 2000) String emergencyJustification,
    OffsetDateTime plannedStart,
    OffsetDateTime plannedEnd,
    @Size(max = 20) List<@NotNull @Valid Target> targets,
    @Size(max = 8000) String rollbackPlan,
    @Valid ValidationSpec validation,
    Boolean dryRun,
    @Valid Runbook runbook,
    @Valid Commit commit,
    @Pattern(regexp = Names.PATTERN, message = Names.MESSAGE) String team,
    @Valid FlagRollout flagRollout,
    @Valid PreTraffic preTraffic) {

  /** A change without a flag rollout or pre-traffic checks (the Tasklist start forms, the pages). */
  public ChangeRequest(String title, String description, String service, String environment, Artifact artifact,
      String impact, String urgency, Boolean regulated, Boolean securityRelevant, String standardChangeTemplate,
      Boolean emergency, String emergencyJustification, OffsetDateTime plannedStart, OffsetDateTime plannedEnd,
      List<Target> targets, String rollbackPlan, ValidationSpec validation, Boolean dryRun, Runbook runbook,
      Commit commit, String team) {
    this(title, description, service, environment, artifact, impact, urgency, regulated, securityRelevant,
        standardChangeTemplate, emergency, emergencyJustification, plannedStart, plannedEnd, targets, rollbackPlan,
        validation, dryRun, runbook, commit, team, null, null);
  }

  static final String LEVELS = "LOW|MEDIUM|HIGH";
  static final String LEVELS_MESSAGE = "must be LOW, MEDIUM or HIGH";

  boolean isEmergency() {
    return Boolean.TRUE.equals(emergency);
  }
}
