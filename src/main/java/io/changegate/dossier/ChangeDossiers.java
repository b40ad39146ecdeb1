package io.changegate.dossier;

import io.changegate.approval.TaskRecords;
import io.changegate.audit.AuditTrail;
import io.changegate.calendar.CalendarPort;
import io.changegate.calendar.ServiceDependencyService;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.deployment.DeploymentRecords;
import io.changegate.delivery.feedback.FeedbackService;
import io.changegate.governance.trace.ProcessVersions;
import io.changegate.itsm.Problems;
import io.changegate.rollback.incident.Incidents;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change dossier: everything known about one change, assembled from every capability that holds a part of it —
 * the change store, the decisions (task records), the deployments, the incidents, the change calendar, the process
 * versions it ran through and its timeline. The read model of {@code GET /api/changes/{id}}: it depends on the
 * capabilities, none of them on it.
 */
@Service
public class ChangeDossiers {

  private final ChangeService changes;
  private final AuditTrail audit;
  private final TaskRecords decisions;
  private final DeploymentRecords deployments;
  private final Incidents incidents;
  private final CalendarPort calendar;
  private final ProcessVersions processVersions;
  private final WaitingForReader waitingFor;
  private final ServiceDependencyService dependencies;
  private final Problems problems;
  private final FeedbackService feedback;

  ChangeDossiers(ChangeService changes, AuditTrail audit, TaskRecords decisions, DeploymentRecords deployments,
      Incidents incidents, CalendarPort calendar, ProcessVersions processVersions, WaitingForReader waitingFor,
      ServiceDependencyService dependencies, Problems problems, FeedbackService feedback) {
    this.dependencies = dependencies;
    this.feedback = feedback;
    this.problems = problems;
    this.changes = changes;
    this.audit = audit;
    this.decisions = decisions;
    this.deployments = deployments;
    this.incidents = incidents;
    this.calendar = calendar;
    this.processVersions = processVersions;
    this.waitingFor = waitingFor;
  }

  @Transactional(readOnly = true)
  public ChangeView of(String changeId) {
    return of(changes.get(changeId));
  }

  /**
   * One read-only transaction for the whole dossier: its dozen reads (Changegate's tables and the engine's queries,
   * which join it) see one state and share one connection instead of a transaction each.
   */
  @Transactional(readOnly = true)
  public ChangeView of(Change change) {
    List<ChangeView.TimelineEvent> timeline = audit.entriesOf(change.id()).stream()
        .map(e -> new ChangeView.TimelineEvent(e.action(), e.occurredAt(), e.actor(), e.detailsJson())).toList();
    List<ChangeView.Approval> approvals = decisions.decisionsOf(change.id()).stream()
        .map(d -> new ChangeView.Approval(d.completedBy(), d.groupLabel(), d.name(), d.decision().name(), d.comment(),
            d.completedAt()))
        .toList();
    List<ChangeView.Incident> linked = incidents.ofChange(change.id()).stream()
        .map(i -> new ChangeView.Incident(i.reference(), i.url(), i.openedAt(), i.system(), i.kind(),
            i.summary())).toList();
    return ChangeView.of(change, changes.runbook(change.id()), approvals, deployments.ofChange(change.id()), linked,
        timeline, change.status().isFinal() ? List.of() : calendar.check(change).conflicts(),
        changes.governanceOverridden(change.id()), processVersions.ofChange(change.id()), waitingFor.of(change),
        changes.origin(change.id()), dependencies.dependentsOf(change), problems.ofChange(change.id()),
        feedback.find(change.id()).orElse(null));
  }
}
