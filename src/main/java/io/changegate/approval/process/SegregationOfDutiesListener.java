package io.changegate.approval.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.approval.SegregationOfDutiesPolicy;
import io.changegate.approval.SegregationOfDutiesPolicy.Duty;
import io.changegate.approval.TaskRecords;
import io.changegate.approval.TaskRecords.TaskRecord;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.engine.TaskOffers;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Segregation of duties on review, approval and sign-off tasks, as task listeners on "create", "assignment" and
 * "complete", so Tasklist and {@code /engine-rest} pass through the same rules ({@link SegregationOfDutiesPolicy}); a
 * refusal leaves the task and the process unchanged.
 * <ul>
 *   <li>{@code ${segregationOfDuties}}: the requester can neither claim nor complete a review of their change.
 *   <li>{@code ${segregationOfDuties.signOff(task)}}: also, only a member of the group the sign-off is for signs it,
 *       and one person gives at most one sign-off per change.
 *   <li>{@code ${segregationOfDuties.runbookReview(task)}}: also, the runbook's author cannot review it, and the
 *       reviewer is a member of the reviewing group.
 * </ul>
 * On "create" the task is offered only to people who may take it: when an excluded person (the requester, the
 * author, an earlier signer) belongs to a candidate group, the group is replaced by its other members by name.
 */
@CallableFromModels
@Component("segregationOfDuties")
public class SegregationOfDutiesListener implements TaskListener {

  private final SegregationOfDutiesPolicy policy;
  private final TaskRecords records;
  private final Clock clock;

  public SegregationOfDutiesListener(SegregationOfDutiesPolicy policy, TaskRecords records, Clock clock) {
    this.policy = policy;
    this.records = records;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    enforce(task, Duty.REVIEW);
  }

  public void signOff(DelegateTask task) {
    enforce(task, Duty.SIGN_OFF);
  }

  public void runbookReview(DelegateTask task) {
    enforce(task, Duty.RUNBOOK_REVIEW);
  }

  private void enforce(DelegateTask task, Duty duty) {
    TaskRecord record = record(task);
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> TaskOffers.except(task, policy.excluded(duty, record));
      case TaskListener.EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          check(task, duty, record, task.getAssignee(), "claim");
        }
      }
      case TaskListener.EVENTNAME_COMPLETE -> {
        String actor = Actor.of(task);
        if (!Actor.SYSTEM.equals(actor)) {
          check(task, duty, record, actor, "complete");
          if (duty == Duty.SIGN_OFF) {
            withdrawFromOtherSignOffs(task, actor);
          }
        }
      }
      default -> { }
    }
  }

  private void check(DelegateTask task, Duty duty, TaskRecord record, String actor, String verb) {
    policy.refusal(duty, record, actor, groupsOf(actor)).ifPresent(why -> {
      throw new GovernanceRefusal(why + ": " + actor + " cannot " + verb + " '" + task.getName()
          + "' (segregation of duties)");
    });
    if (duty == Duty.SIGN_OFF) {
      List<String> held = task.getProcessEngineServices().getTaskService().createTaskQuery()
          .processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(task.getTaskDefinitionKey())
          .taskAssignee(actor).list().stream()
          .filter(other -> !other.getId().equals(task.getId())).map(other -> other.getName()).toList();
      if (!held.isEmpty()) {
        throw new GovernanceRefusal(actor + " already holds '" + held.get(0) + "' of " + record.changeId()
            + "; one person gives one sign-off per change: " + actor + " cannot " + verb + " '" + task.getName()
            + "' (segregation of duties)");
      }
    }
  }

  /** After a sign-off, the signer is no longer offered the other open sign-offs of the change. */
  private void withdrawFromOtherSignOffs(DelegateTask task, String signer) {
    var context = Context.getCommandContext();
    List<TaskEntity> open = context.getTaskManager().findTasksByProcessInstanceId(task.getProcessInstanceId());
    for (TaskEntity other : open) {
      if (other.getId().equals(task.getId()) || !task.getTaskDefinitionKey().equals(other.getTaskDefinitionKey())) {
        continue;
      }
      Set<String> excluded = new LinkedHashSet<>(policy.excluded(Duty.SIGN_OFF, record(other)));
      excluded.add(signer);
      TaskOffers.except(other, excluded);
    }
  }

  private TaskRecord record(DelegateTask task) {
    return records.find(task.getId()).orElseGet(() -> new TaskRecord(task.getId(), CHANGE_ID.required(task),
        task.getProcessInstanceId(), "", task.getTaskDefinitionKey(), task.getName(), TaskOffers.candidates(task, true),
        TaskOffers.candidates(task, false), clock.instant(), null, null, null, null));
  }

  /** Group membership is the engine's fact to check, not the acting user's: read without their authorizations. */
  private static List<String> groupsOf(String user) {
    var identity = Context.getProcessEngineConfiguration().getIdentityService();
    return Context.getCommandContext().runWithoutAuthorization(() -> identity.createGroupQuery().groupMember(user)
        .list().stream().map(Group::getId).toList());
  }
}
