package io.changegate.approval;

import static io.changegate.approval.ReviewProcess.AMENDMENT_NOTE;
import static io.changegate.approval.ReviewProcess.ROLLBACK_PLAN;
import static io.changegate.approval.ReviewProcess.RUNBOOK_POST_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_PRE_CHECKS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_ROLLBACK_STEPS;
import static io.changegate.approval.ReviewProcess.RUNBOOK_STEPS;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DESCRIPTION;

import io.changegate.engine.Actor;
import io.changegate.change.ChangeService;
import io.changegate.change.InvalidRequestException;
import io.changegate.change.Runbook;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the rework task ({@code ${amendChange.apply(task)}}): only the requester amends
 * their change; the description, rollback plan and runbook they submit are validated like an intake and
 * stored in the same transaction as the task's completion, so the step that asked sees the amended change.
 */
@CallableFromModels
@Component("amendChange")
public class AmendChangeListener {

  private final ChangeService changes;

  public AmendChangeListener(ChangeService changes) {
    this.changes = changes;
  }

  public void apply(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    String actor = Actor.of(task);
    String requester = changes.get(changeId).requester();
    if (!requester.equals(actor)) {
      throw new GovernanceRefusal("Only " + requester + ", who requested " + changeId + ", can amend it; "
          + actor + " cannot (segregation of duties)");
    }
    Runbook runbook = Runbook.fromLines(RUNBOOK_PRE_CHECKS.from(task), RUNBOOK_STEPS.from(task),
        RUNBOOK_POST_CHECKS.from(task), RUNBOOK_ROLLBACK_STEPS.from(task));
    try {
      changes.amend(changeId, DESCRIPTION.from(task), ROLLBACK_PLAN.from(task), runbook, actor,
          AMENDMENT_NOTE.from(task));
    } catch (InvalidRequestException e) {
      throw new GovernanceRefusal("The amendment is not valid: " + e.errors().stream()
          .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
    }
  }
}
