package io.changegate.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.calendar.CalendarConflict;
import io.changegate.calendar.ServiceDependencyService;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeOrigin;
import io.changegate.change.ChangeStatus;
import io.changegate.change.Commit;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import io.changegate.deployment.DeploymentRecord;
import io.changegate.delivery.feedback.Feedback;
import io.changegate.governance.trace.ProcessVersion;
import io.changegate.itsm.Problem;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/changes/{id}}: the change, its decisions, deployments and timeline, and, while it is open, the
 * conflicts of its slot in the change calendar as of now; {@code processVersions}: each process, decision and form it
 * ran through (kind, key, version, SHA-256 of the deployed file); {@code governanceOverridden}: someone skipped its
 * approval or altered its flow by hand (docs/administrator-interventions.md; the timeline's {@code INTERVENTION}
 * entries say who, what and why); {@code waitingFor}: what it waits for now ({@link WaitingFor}); {@code team}: the
 * team delivering it (the request's, else the requester's group); {@code commit}: what its pipeline built from
 * ({@code sha}, {@code repository}, {@code time}, {@code pipelineUrl}, {@code configurationRevision}), null when none
 * was sent; {@code dependents}: the services that depend on the change's service, each with its owner group (who
 * signs off), the version it requires and its open changes in the same environment whose slot overlaps this one; {@code problems}: the problem records naming it as the cause of their incidents
 * (docs/incidents.md); {@code feedback}: the survey and usage of its first 72 hours after it completed, null before.
 */
public record ChangeView(
    String id,
    ChangeStatus status,
    ChangeType type,
    String classificationReason,
    Level riskLevel,
    String title,
    String description,
    String service,
    String environment,
    Artifact artifact,
    Level impact,
    Level urgency,
    boolean regulated,
    boolean securityRelevant,
    String standardChangeTemplate,
    boolean emergency,
    String emergencyJustification,
    Instant plannedStart,
    Instant plannedEnd,
    List<Target> targets,
    String rollbackPlan,
    Runbook runbook,
    String runbookAuthor,
    ValidationSpec validation,
    boolean dryRun,
    String requester,
    Instant createdAt,
    Instant updatedAt,
    List<Approval> approvals,
    List<DeploymentRecord> deployments,
    List<Incident> incidents,
    List<TimelineEvent> timeline,
    List<CalendarConflict> conflicts,
    boolean governanceOverridden,
    List<ProcessVersion> processVersions,
    WaitingFor waitingFor,
    String team,
    Commit commit,
    List<ServiceDependencyService.Dependent> dependents,
    List<Problem.Summary> problems,
    Feedback feedback) {

  /** One decision on an approval, review or sign-off task. */
  public record Approval(String who, String group, String task, String decision, String comment, Instant when) {}

  /**
   * An incident of the change: opened by Changegate (kind {@code ROLLBACK}, {@code ROLLBACK_FAILED}, {@code DRIFT}) or
   * linked from the ITSM tool ({@code LINKED}); {@code when} it was opened.
   */
  public record Incident(String reference, String url, Instant when, String system, String kind, String summary) {}

  /** One entry of the change's audit trail. */
  public record TimelineEvent(String event, Instant time, String actor, JsonNode details) {}

  static ChangeView of(Change c, RunbookRepository.Authored runbook, List<Approval> approvals,
      List<DeploymentRecord> deployments, List<Incident> incidents, List<TimelineEvent> timeline,
      List<CalendarConflict> conflicts, boolean governanceOverridden, List<ProcessVersion> processVersions,
      WaitingFor waitingFor, ChangeOrigin origin, List<ServiceDependencyService.Dependent> dependents,
      List<Problem.Summary> problems, Feedback feedback) {
    return new ChangeView(c.id(), c.status(), c.type(), c.classificationReason(), c.riskLevel(), c.title(),
        c.description(), c.service(), c.environment(), c.artifact(), c.impact(), c.urgency(), c.regulated(),
        c.securityRelevant(), c.standardChangeTemplate(), c.emergency(), c.emergencyJustification(),
        c.plannedStart(), c.plannedEnd(), c.targets(), c.rollbackPlan(), runbook.runbook(), runbook.author(),
        c.validation(), c.dryRun(),
        c.requester(), c.createdAt(), c.updatedAt(), approvals, deployments, incidents, timeline, conflicts,
        governanceOverridden, processVersions, waitingFor, origin.team(), origin.commit(), dependents, problems,
        feedback);
  }
}
