package io.changegate.approval.process;

import static io.changegate.change.ChangeProcess.ARTIFACT;
import static io.changegate.change.ChangeProcess.ARTIFACT_DIGEST;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DESCRIPTION;
import static io.changegate.change.ChangeProcess.ENVIRONMENT;
import static io.changegate.change.ChangeProcess.IMPACT;
import static io.changegate.change.ChangeProcess.JUSTIFICATION;
import static io.changegate.change.ChangeProcess.REQUESTER;
import static io.changegate.change.ChangeProcess.ROLLBACK_REHEARSAL;
import static io.changegate.change.ChangeProcess.SERVICE;
import static io.changegate.change.ChangeProcess.TITLE;
import static io.changegate.supplychain.SupplyChainProcess.SCAN_FINDINGS;

import io.changegate.calendar.CalendarPort;
import io.changegate.calendar.process.CalendarProcess;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.InfrastructurePlans;
import io.changegate.change.RollbackRehearsals;
import io.changegate.approval.ReviewProcess;
import io.changegate.engine.CallableFromModels;
import io.changegate.supplychain.ScanGate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of the reviewed flows: copies what an approver needs to see from the change store
 * into the process, so that the Tasklist forms show it without opening anything else, with the conflicts
 * of its slot in the change calendar ({@code calendarConflicts}), the summary of its infrastructure plan
 * ({@code infrastructurePlan}), the security scans of its artifact ({@code scanFindings}: the sign-off and ECAB
 * approval forms show them) and the rollback rehearsal its sign-offs rely on ({@code rollbackRehearsal}).
 */
@CallableFromModels
@Component("loadChangeForReview")
public class LoadChangeForReviewListener implements ExecutionListener {

  private final ChangeService changes;
  private final CalendarPort calendar;
  private final InfrastructurePlans plans;
  private final ScanGate scans;
  private final RollbackRehearsals rehearsals;

  public LoadChangeForReviewListener(ChangeService changes, CalendarPort calendar, InfrastructurePlans plans,
      ScanGate scans, RollbackRehearsals rehearsals) {
    this.rehearsals = rehearsals;
    this.changes = changes;
    this.calendar = calendar;
    this.plans = plans;
    this.scans = scans;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Change change = changes.get(CHANGE_ID.required(execution));

    TITLE.set(execution, change.title());
    DESCRIPTION.set(execution, change.description() == null ? "" : change.description());
    SERVICE.set(execution, change.service());
    ENVIRONMENT.set(execution, change.environment());
    IMPACT.set(execution, change.impact().name());
    REQUESTER.set(execution, change.requester());
    ARTIFACT.set(execution, change.artifact() == null ? "(none)"
        : change.artifact().name() + ":" + change.artifact().version());
    ARTIFACT_DIGEST.set(execution, change.artifact() == null || change.artifact().digest() == null ? "(none)"
        : change.artifact().digest());
    JUSTIFICATION.set(execution, change.emergencyJustification() == null ? "" : change.emergencyJustification());
    CalendarProcess.CALENDAR_CONFLICTS.set(execution, calendar.check(change).describeConflicts());
    ReviewProcess.INFRASTRUCTURE_PLAN.set(execution, plans.describe(change.id()));
    SCAN_FINDINGS.set(execution, scans.findingsText(change.id()));
    ROLLBACK_REHEARSAL.set(execution, rehearsals.describe(change.id()));
  }
}
