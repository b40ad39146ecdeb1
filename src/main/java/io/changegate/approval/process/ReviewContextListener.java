package io.changegate.approval.process;

import static io.changegate.approval.ReviewProcess.AMENDMENT_NOTE;
import static io.changegate.approval.ReviewProcess.EARLIER_DECISIONS;
import static io.changegate.approval.ReviewProcess.ENVIRONMENT_KIND;
import static io.changegate.approval.ReviewProcess.DEPENDENTS;
import static io.changegate.approval.ReviewProcess.ENVIRONMENT_OWNER;
import static io.changegate.approval.ReviewProcess.REGULATED;
import static io.changegate.approval.ReviewProcess.REWORK_REQUEST;
import static io.changegate.approval.ReviewProcess.RISK_LEVEL;
import static io.changegate.approval.ReviewProcess.ROLLBACK_PLAN;
import static io.changegate.approval.ReviewProcess.RUNBOOK_AUTHOR;
import static io.changegate.approval.ReviewProcess.RUNBOOK_POST_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_PRE_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_ROLLBACK_STEPS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_STEPS;
import static io.changegate.approval.ReviewProcess.SECURITY_RELEVANT;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.supplychain.SupplyChainProcess.SCAN_FINDINGS;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.change.ChangeProcess.DESCRIPTION;
import static io.changegate.change.ChangeProcess.ENVIRONMENT;
import static io.changegate.change.ChangeProcess.IMPACT;

import io.changegate.approval.ApprovalService;
import io.changegate.approval.ReviewContext;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Loads what a reviewer needs to decide, fresh from the change store and the task records
 * ({@link ApprovalService#reviewContext}): the change as amended so far, its risk level, its runbook and every earlier
 * decision with its comment. As a start listener ({@code ${reviewContext.load(execution)}}) it also loads the facts
 * the sign-off decision reads; as a create listener ({@code ${reviewContext.load(task)}}) it refreshes them for a task
 * after a rework.
 */
@CallableFromModels
@Component("reviewContext")
public class ReviewContextListener {

  private final ApprovalService approvals;

  public ReviewContextListener(ApprovalService approvals) {
    this.approvals = approvals;
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
    String asked = approvals.reworkRequest(step, group, request);

    REWORK_REQUEST.set(task.getExecution(), asked);
    task.getExecution().removeVariable(AMENDMENT_NOTE.name());
  }

  private void fill(VariableScope scope, String changeId) {
    ReviewContext context = approvals.reviewContext(changeId);

    DESCRIPTION.set(scope, context.description());
    ROLLBACK_PLAN.set(scope, context.rollbackPlan());
    CLASSIFICATION_REASON.set(scope, context.classificationReason());
    IMPACT.set(scope, context.impact());
    ENVIRONMENT.set(scope, context.environment());
    ENVIRONMENT_KIND.set(scope, context.environmentKind());
    ENVIRONMENT_OWNER.set(scope, context.environmentOwner());
    REGULATED.set(scope, context.regulated());
    SECURITY_RELEVANT.set(scope, context.securityRelevant());
    RISK_LEVEL.set(scope, context.riskLevel());
    RUNBOOK_PRE_CHECKS.set(scope, context.runbookPreChecks());
    RUNBOOK_STEPS.set(scope, context.runbookSteps());
    RUNBOOK_POST_CHECKS.set(scope, context.runbookPostChecks());
    RUNBOOK_ROLLBACK_STEPS.set(scope, context.runbookRollbackSteps());
    RUNBOOK_AUTHOR.set(scope, context.runbookAuthor());
    EARLIER_DECISIONS.set(scope, context.earlierDecisions());
    SCAN_FINDINGS.set(scope, context.scanFindings());
    DEPENDENTS.set(scope, context.dependents());
  }
}
