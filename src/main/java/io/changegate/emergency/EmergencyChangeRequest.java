package io.changegate.emergency;

import io.changegate.change.Artifact;
import io.changegate.change.ChangeRequest;
import io.changegate.change.Level;
import io.changegate.change.Runbook;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Builds the {@link ChangeRequest} of an emergency started from Tasklist, by name rather than by position. What an
 * emergency always is: urgency HIGH, an emergency, not a dry run, neither regulated nor security-relevant by default,
 * no template, no planned slot (it deploys as soon as the ECAB approves), no description, rollback plan or runbook.
 */
final class EmergencyChangeRequest {

  private final String title;
  private String service;
  private String environment;
  private Artifact artifact;
  private String impact;
  private String justification;
  private List<Target> targets;
  private ValidationSpec validation;

  private EmergencyChangeRequest(String title) {
    this.title = title;
  }

  static EmergencyChangeRequest titled(String title) {
    return new EmergencyChangeRequest(title);
  }

  EmergencyChangeRequest on(String service, String environment) {
    this.service = service;
    this.environment = environment;
    return this;
  }

  EmergencyChangeRequest artifact(Artifact artifact) {
    this.artifact = artifact;
    return this;
  }

  EmergencyChangeRequest impact(String impact) {
    this.impact = impact;
    return this;
  }

  EmergencyChangeRequest justification(String justification) {
    this.justification = justification;
    return this;
  }

  EmergencyChangeRequest targets(List<Target> targets) {
    this.targets = targets;
    return this;
  }

  EmergencyChangeRequest validation(ValidationSpec validation) {
    this.validation = validation;
    return this;
  }

  ChangeRequest build() {
    String description = null;
    String urgency = Level.HIGH.name();
    Boolean regulated = false;
    Boolean securityRelevant = false;
    String standardChangeTemplate = null;
    Boolean emergency = true;
    OffsetDateTime plannedStart = null;
    OffsetDateTime plannedEnd = null;
    String rollbackPlan = null;
    Boolean dryRun = false;
    Runbook runbook = null;
    return new ChangeRequest(title, description, service, environment, artifact, impact, urgency, regulated,
        securityRelevant, standardChangeTemplate, emergency, justification, plannedStart, plannedEnd, targets,
        rollbackPlan, validation, dryRun, runbook, null, null);
  }
}
