package io.changegate.approval.process;

import static io.changegate.approval.ReviewProcess.POST_CHECKS_VERIFIED;
import static io.changegate.approval.ReviewProcess.PRE_CHECKS_VERIFIED;
import static io.changegate.approval.ReviewProcess.ROLLBACK_STEPS_VERIFIED;
import static io.changegate.approval.ReviewProcess.STEPS_VERIFIED;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.approval.ApprovalService;
import io.changegate.engine.CallableFromModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the runbook peer review ({@code ${runbookReview.check(task)}}): an approval says
 * the reviewer verified each part — pre-checks, steps, post-checks, rollback steps — and there must be
 * steps and rollback steps to verify ({@link ApprovalService#checkRunbookReview}). Otherwise the engine refuses it
 * and the task stays open.
 */
@CallableFromModels
@Component("runbookReview")
public class RunbookReviewListener {

  private final ApprovalService approvals;

  public RunbookReviewListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  /** Create listener: confirmations of an earlier review do not count for this one (nor prefill its form). */
  public void reset(DelegateTask task) {
    for (var flag : List.of(PRE_CHECKS_VERIFIED, STEPS_VERIFIED, POST_CHECKS_VERIFIED, ROLLBACK_STEPS_VERIFIED)) {
      task.getExecution().removeVariable(flag.name());
    }
  }

  public void check(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    ApprovalService.RunbookConfirmation confirmed = new ApprovalService.RunbookConfirmation(
        PRE_CHECKS_VERIFIED.from(task), STEPS_VERIFIED.from(task), POST_CHECKS_VERIFIED.from(task),
        ROLLBACK_STEPS_VERIFIED.from(task));

    approvals.checkRunbookReview(changeId, DECISION.from(task), confirmed);
  }
}
