package io.changegate.approval;

import static io.changegate.approval.ReviewProcess.AMENDMENT_NOTE;
import static io.changegate.approval.ReviewProcess.EARLIER_DECISIONS;
import static io.changegate.approval.ReviewProcess.REWORK_REQUEST;
import static io.changegate.approval.ReviewProcess.REGULATED;
import static io.changegate.approval.ReviewProcess.RISK_LEVEL;
import static io.changegate.approval.ReviewProcess.ROLLBACK_PLAN;
import static io.changegate.approval.ReviewProcess.RUNBOOK_AUTHOR;
import static io.changegate.approval.ReviewProcess.RUNBOOK_POST_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_PRE_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_ROLLBACK_STEPS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_STEPS;
import static io.changegate.approval.ReviewProcess.SECURITY_RELEVANT;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.change.ChangeProcess.DESCRIPTION;
import static io.changegate.change.ChangeProcess.ENVIRONMENT;
import static io.changegate.change.ChangeProcess.IMPACT;

import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import io.changegate.engine.CallableFromModels;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Loads what a reviewer needs to decide, fresh from the change store and the audit trail: the change as
 * amended so far, its risk level, its runbook and every earlier decision with its comment (the task records). As a start
 * listener ({@code ${reviewContext.load(execution)}}) it also loads the facts the sign-off decision reads;
 * as a create listener ({@code ${reviewContext.load(task)}}) it refreshes them for a task after a rework.
 */
@CallableFromModels
@Component("reviewContext")
public class ReviewContextListener {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final ChangeService changes;
  private final TaskRecords records;

  public ReviewContextListener(ChangeService changes, TaskRecords records) {
    this.changes = changes;
    this.records = records;
  }

  public void load(DelegateExecution execution) {
    fill(execution, CHANGE_ID.required(execution));
  }

  public void load(DelegateTask task) {
    fill(task.getExecution(), CHANGE_ID.required(task));
  }

  /**
   * Create listener of a rework task: what was asked, by which step and group, for the requester to read
   * ({@code ${reviewContext.rework(task, 'Sign-off', signOffAskedBy, signOffComment)}}); the note of an
   * earlier amendment does not carry over.
   */
  public void rework(DelegateTask task, String step, String group, String request) {
    REWORK_REQUEST.set(task.getExecution(), step + " (" + (group == null ? "" : group) + ") asked: "
        + (request == null || request.isBlank() ? "(no comment)" : request));
    task.getExecution().removeVariable(AMENDMENT_NOTE.name());
  }

  private void fill(VariableScope scope, String changeId) {
    Change change = changes.get(changeId);
    RunbookRepository.Authored runbook = changes.runbook(changeId);

    DESCRIPTION.set(scope, change.description() == null ? "" : change.description());
    ROLLBACK_PLAN.set(scope, change.rollbackPlan() == null ? "" : change.rollbackPlan());
    CLASSIFICATION_REASON.set(scope, change.classificationReason() == null ? "" : change.classificationReason());
    IMPACT.set(scope, change.impact().name());
    ENVIRONMENT.set(scope, change.environment());
    REGULATED.set(scope, change.regulated());
    SECURITY_RELEVANT.set(scope, change.securityRelevant());
    RISK_LEVEL.set(scope, change.riskLevel() == null ? "" : change.riskLevel().name());
    RUNBOOK_PRE_CHECKS.set(scope, Runbook.toLines(runbook.runbook().preChecks()));
    RUNBOOK_STEPS.set(scope, Runbook.toLines(runbook.runbook().steps()));
    RUNBOOK_POST_CHECKS.set(scope, Runbook.toLines(runbook.runbook().postChecks()));
    RUNBOOK_ROLLBACK_STEPS.set(scope, Runbook.toLines(runbook.runbook().rollbackSteps()));
    RUNBOOK_AUTHOR.set(scope, runbook.author());
    EARLIER_DECISIONS.set(scope, earlierDecisions(changeId));
  }

  /** Every decision so far, oldest first, one line each: when, who, for which group and step, and why. */
  String earlierDecisions(String changeId) {
    List<String> lines = new ArrayList<>();
    for (TaskRecords.TaskRecord decided : records.decisionsOf(changeId)) {
      String comment = decided.comment() == null ? "" : decided.comment();
      lines.add(WHEN.format(decided.completedAt()) + " · " + decided.completedBy() + " (" + decided.groupLabel()
          + ") · " + decided.name() + " · " + decided.decision() + (comment.isBlank() ? "" : " · \"" + comment + "\""));
    }
    return lines.isEmpty() ? "No decisions yet." : String.join("\n", lines);
  }
}
