package io.changegate.approval;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Segregation of duties, enforced by the engine on review, approval and sign-off tasks (listeners on
 * "assignment" and "complete"), so Tasklist and {@code /engine-rest} pass through the same rules; a refusal
 * leaves the task and the process unchanged. Who requested the change and who wrote its runbook come from
 * the change store, who signed what from the audit trail — never from process variables a user could set.
 *
 * <ul>
 *   <li>{@code ${segregationOfDuties}}: the requester can neither claim nor complete a review of their change.
 *   <li>{@code ${segregationOfDuties.signOff(task)}}: also, only a member of the signing group signs for it,
 *       and one person gives at most one sign-off per change (a CAB chair who is also in operations signs
 *       for one of them).
 *   <li>{@code ${segregationOfDuties.runbookReview(task)}}: also, the runbook's author cannot review it, and
 *       the reviewer is a member of the reviewing group.
 * </ul>
 */
@CallableFromModels
@Component("segregationOfDuties")
public class SegregationOfDutiesListener implements TaskListener {

  private final ChangeService changes;
  private final AuditTrail audit;

  public SegregationOfDutiesListener(ChangeService changes, AuditTrail audit) {
    this.changes = changes;
    this.audit = audit;
  }

  @Override
  public void notify(DelegateTask task) {
    String actor = actor(task);
    if (actor != null) {
      notTheRequester(task, actor);
    }
  }

  public void signOff(DelegateTask task) {
    String actor = actor(task);
    if (actor == null) {
      return;
    }
    String changeId = CHANGE_ID.required(task);
    // two sign-offs of one change by one person, completed at the same moment, must not both pass: the second
    // waits here for the first to commit, then finds its decision in the audit trail
    if (actor.equals(changes.lock(changeId).requester())) {
      throw refusal(task, actor, actor + " requested " + changeId);
    }
    String group = ApprovalDecisionListener.candidateGroups(task);
    memberOf(task, actor, group);
    for (AuditEntry entry : audit.entriesOf(changeId)) {
      if (!"DECISION".equals(entry.action()) || !actor.equals(entry.actor())) {
        continue;
      }
      JsonNode details = entry.detailsJson();
      String signedFor = details.path("group").asText("");
      if (ReviewProcess.TASK_SIGN_OFF.equals(details.path("step").asText()) && !group.equals(signedFor)) {
        throw refusal(task, actor, actor + " already signed off " + changeId + " for " + signedFor
            + "; one person gives one sign-off per change");
      }
    }
    List<Task> held = task.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(task.getProcessInstanceId())
        .taskDefinitionKey(ReviewProcess.TASK_SIGN_OFF)
        .taskAssignee(actor)
        .list();
    for (Task other : held) {
      if (!other.getId().equals(task.getId())) {
        throw refusal(task, actor, actor + " already holds '" + other.getName() + "' of " + changeId
            + "; one person gives one sign-off per change");
      }
    }
  }

  public void runbookReview(DelegateTask task) {
    String actor = actor(task);
    if (actor == null) {
      return;
    }
    notTheRequester(task, actor);
    String changeId = CHANGE_ID.required(task);
    String author = changes.runbook(changeId).author();
    if (actor.equals(author)) {
      throw refusal(task, actor, actor + " wrote the runbook of " + changeId + " and cannot review it");
    }
    memberOf(task, actor, ApprovalDecisionListener.candidateGroups(task));
  }

  private void notTheRequester(DelegateTask task, String actor) {
    String changeId = CHANGE_ID.required(task);
    if (actor.equals(changes.get(changeId).requester())) {
      throw refusal(task, actor, actor + " requested " + changeId);
    }
  }

  /** The actor must belong to one of the task's candidate groups (an administrator signs for no group). */
  private void memberOf(DelegateTask task, String actor, String groups) {
    if (groups.isBlank()) {
      return;
    }
    // the acting user may not read the identity store; membership is the engine's fact to check, not theirs
    CommandContext context = Context.getCommandContext();
    var identity = task.getProcessEngineServices().getIdentityService();
    boolean member = false;
    for (String group : groups.split(",")) {
      member |= context.runWithoutAuthorization(
          () -> identity.createUserQuery().userId(actor).memberOfGroup(group).count()) > 0;
    }
    if (!member) {
      throw refusal(task, actor, actor + " is not a member of " + groups);
    }
  }

  private static String actor(DelegateTask task) {
    boolean claiming = TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName());
    return claiming ? task.getAssignee() : ApprovalDecisionListener.currentUser(task);
  }

  private static GovernanceRefusal refusal(DelegateTask task, String actor, String why) {
    boolean claiming = TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName());
    return new GovernanceRefusal(why + ": " + actor + " cannot " + (claiming ? "claim" : "complete") + " '"
        + task.getName() + "' (segregation of duties)");
  }

}
