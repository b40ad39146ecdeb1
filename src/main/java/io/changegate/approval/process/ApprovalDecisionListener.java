package io.changegate.approval.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.approval.ApprovalService;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every approval task: the decision must be one the step allows and a rejection
 * needs a comment ({@link ApprovalService#decide}). Runs inside the engine, so Tasklist and {@code /engine-rest} are
 * held to the same rule; a refusal leaves the task open and nothing changed. The decision is the completing call's own
 * {@code decision} and {@code comment} (the form's inputs; the engine refuses any other variable on completion), and
 * it is recorded once, in the same transaction, on the change the instance belongs to (its business key): in the
 * task records, where the later rules read it, and in the audit trail, with the group the task was created for.
 *
 * <p>In the diagram: {@code ${approvalDecision.check(task, 'APPROVE,REJECT')}} narrows the decisions
 * a step offers; as a plain task listener it accepts all three.
 */
@CallableFromModels
@Component("approvalDecision")
public class ApprovalDecisionListener implements TaskListener {

  private final ApprovalService approvals;

  public ApprovalDecisionListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void notify(DelegateTask task) {
    check(task, null);
  }

  /**
   * Create listener: an earlier step's {@code decision} and {@code comment} must not count for this one
   * (nor prefill its form), so each review starts without them.
   */
  public void reset(DelegateTask task) {
    task.getExecution().removeVariable(DECISION.name());
    task.getExecution().removeVariable(COMMENT.name());
  }

  public void check(DelegateTask task, String allowed) {
    ApprovalService.TaskDecision decision = new ApprovalService.TaskDecision(CHANGE_ID.required(task), task.getId(),
        task.getName(), task.getTaskDefinitionKey(), Actor.of(task), DECISION.from(task), COMMENT.from(task));

    approvals.decide(decision, allowed);
  }
}
