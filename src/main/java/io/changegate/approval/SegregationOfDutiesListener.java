package io.changegate.approval;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeService;
import io.changegate.engine.GovernanceRefusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Segregation of duties, enforced by the engine on review and approval tasks (listener on "assignment"
 * and "complete"): the requester of a change can neither claim nor complete a review of it. The requester
 * comes from the change store, not from a process variable that a user could overwrite. Tasklist and
 * {@code /engine-rest} pass through here alike; a refusal leaves the task unchanged.
 */
@Component("segregationOfDuties")
public class SegregationOfDutiesListener implements TaskListener {

  private final ChangeService changes;

  public SegregationOfDutiesListener(ChangeService changes) {
    this.changes = changes;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean claiming = TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName());
    String actor = claiming ? task.getAssignee() : ApprovalDecisionListener.currentUser(task);
    if (actor == null) {
      return;
    }
    String changeId = CHANGE_ID.required(task);
    String requester = changes.get(changeId).requester();
    if (actor.equals(requester)) {
      throw new GovernanceRefusal(actor + " requested " + changeId + " and cannot " + (claiming ? "claim" : "complete")
          + " '" + task.getName() + "' (segregation of duties)");
    }
  }
}
