package io.changegate.approval;

import static io.changegate.approval.ReviewProcess.POST_CHECKS_VERIFIED;
import static io.changegate.approval.ReviewProcess.PRE_CHECKS_VERIFIED;
import static io.changegate.approval.ReviewProcess.ROLLBACK_STEPS_VERIFIED;
import static io.changegate.approval.ReviewProcess.STEPS_VERIFIED;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.change.ChangeService;
import io.changegate.change.Runbook;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the runbook peer review ({@code ${runbookReview.check(task)}}): an approval says
 * the reviewer verified each part — pre-checks, steps, post-checks, rollback steps — and there must be
 * steps and rollback steps to verify. Otherwise the engine refuses it and the task stays open.
 */
@CallableFromModels
@Component("runbookReview")
public class RunbookReviewListener {

  private final ChangeService changes;

  public RunbookReviewListener(ChangeService changes) {
    this.changes = changes;
  }

  /** Create listener: confirmations of an earlier review do not count for this one (nor prefill its form). */
  public void reset(DelegateTask task) {
    for (var flag : List.of(PRE_CHECKS_VERIFIED, STEPS_VERIFIED, POST_CHECKS_VERIFIED, ROLLBACK_STEPS_VERIFIED)) {
      task.getExecution().removeVariable(flag.name());
    }
  }

  public void check(DelegateTask task) {
    if (!Decision.APPROVE.name().equals(DECISION.from(task))) {
      return;
    }
    Runbook runbook = changes.runbook(CHANGE_ID.required(task)).runbook();
    List<String> problems = new ArrayList<>();
    if (runbook.steps().isEmpty()) {
      problems.add("the runbook has no steps");
    }
    if (runbook.rollbackSteps().isEmpty()) {
      problems.add("the runbook has no rollback steps");
    }
    if (!problems.isEmpty()) {
      throw new GovernanceRefusal("A runbook cannot be approved when " + String.join(" and ", problems)
          + "; request changes instead");
    }
    List<String> unverified = new ArrayList<>();
    if (!Boolean.TRUE.equals(PRE_CHECKS_VERIFIED.from(task))) {
      unverified.add("pre-checks (" + PRE_CHECKS_VERIFIED.name() + ")");
    }
    if (!Boolean.TRUE.equals(STEPS_VERIFIED.from(task))) {
      unverified.add("steps (" + STEPS_VERIFIED.name() + ")");
    }
    if (!Boolean.TRUE.equals(POST_CHECKS_VERIFIED.from(task))) {
      unverified.add("post-checks (" + POST_CHECKS_VERIFIED.name() + ")");
    }
    if (!Boolean.TRUE.equals(ROLLBACK_STEPS_VERIFIED.from(task))) {
      unverified.add("rollback steps (" + ROLLBACK_STEPS_VERIFIED.name() + ")");
    }
    if (!unverified.isEmpty()) {
      throw new GovernanceRefusal("Approving the runbook confirms every part was verified; not confirmed: "
          + String.join(", ", unverified));
    }
  }
}
