package io.changegate.approval.process;

import static io.changegate.approval.ReviewProcess.AMENDMENT_NOTE;
import static io.changegate.approval.ReviewProcess.ROLLBACK_PLAN;
import static io.changegate.approval.ReviewProcess.RUNBOOK_POST_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_PRE_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_ROLLBACK_STEPS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_STEPS;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DESCRIPTION;

import io.changegate.approval.ApprovalService;
import io.changegate.change.Runbook;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the rework task ({@code ${amendChange.apply(task)}}): only the requester amends
 * their change; the description, rollback plan and runbook they submit are validated like an intake and
 * stored in the same transaction as the task's completion, so the step that asked sees the amended change
 * ({@link ApprovalService#amend}).
 */
@CallableFromModels
@Component("amendChange")
public class AmendChangeListener {

  private final ApprovalService approvals;

  public AmendChangeListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  public void apply(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    Runbook runbook = Runbook.fromLines(RUNBOOK_PRE_CHECKS.from(task), RUNBOOK_STEPS.from(task),
        RUNBOOK_POST_CHECKS.from(task), RUNBOOK_ROLLBACK_STEPS.from(task));
    ApprovalService.Amendment amendment = new ApprovalService.Amendment(DESCRIPTION.from(task),
        ROLLBACK_PLAN.from(task), runbook, AMENDMENT_NOTE.from(task));

    approvals.amend(changeId, Actor.of(task), amendment);
  }
}
