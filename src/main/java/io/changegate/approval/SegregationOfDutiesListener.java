package io.changegate.approval;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallableFromModels;
import io.changegate.approval.SegregationOfDutiesPolicy.Duty;
import io.changegate.approval.TaskRecords.TaskRecord;
import io.changegate.engine.Actor;
import io.changegate.engine.GovernanceRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
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

  public SegregationOfDutiesListener(SegregationOfDutiesPolicy policy, TaskRecords records) {
    this.policy = policy;
    this.records = records;
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
      case TaskListener.EVENTNAME_CREATE -> offer(task, duty, record, policy.excluded(duty, record));
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

  /**
   * Offers the task to the people who may take it. Nothing changes while no excluded person is in a candidate
   * group; otherwise those groups give way to their other members, named one by one.
   */
  private void offer(DelegateTask task, Duty duty, TaskRecord record, Set<String> excluded) {
    Set<String> offered = new TreeSet<>();
    boolean narrowed = false;
    for (String group : candidateGroupsNow(task)) {
      List<String> members = membersOf(group);
      if (members.stream().noneMatch(excluded::contains)) {
        continue;
      }
      narrowed = true;
      withdraw(task, null, group);
      members.stream().filter(member -> !excluded.contains(member)).forEach(offered::add);
    }
    for (String user : candidateUsersNow(task)) {
      if (excluded.contains(user)) {
        withdraw(task, user, null);
      }
    }
    if (narrowed) {
      offered.forEach(task::addCandidateUser);
    }
  }

  /**
   * Removes a candidate link. The engine's own {@code deleteCandidateGroup} looks the links up in the database and
   * misses those of a task created in this very transaction, so the task's own list is used.
   */
  private static void withdraw(DelegateTask task, String user, String group) {
    TaskEntity entity = (TaskEntity) task;
    for (IdentityLinkEntity link : new ArrayList<>(entity.getIdentityLinks())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && java.util.Objects.equals(user, link.getUserId())
          && java.util.Objects.equals(group, link.getGroupId())) {
        link.delete(true);
        entity.getIdentityLinks().remove(link);
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
      offer(other, Duty.SIGN_OFF, record(other), excluded);
    }
  }

  private TaskRecord record(DelegateTask task) {
    return records.find(task.getId()).orElseGet(() -> new TaskRecord(task.getId(), CHANGE_ID.required(task),
        task.getProcessInstanceId(), "", task.getTaskDefinitionKey(), task.getName(), candidateGroupsNow(task),
        candidateUsersNow(task), Instant.now(), null, null, null, null));
  }

  private static Set<String> candidateGroupsNow(DelegateTask task) {
    Set<String> groups = new TreeSet<>();
    for (IdentityLink link : new ArrayList<>(task.getCandidates())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }

  private static Set<String> candidateUsersNow(DelegateTask task) {
    Set<String> users = new TreeSet<>();
    for (IdentityLink link : new ArrayList<>(task.getCandidates())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
        users.add(link.getUserId());
      }
    }
    return users;
  }

  /** Group membership is the engine's fact to check, not the acting user's: read without their authorizations. */
  private static List<String> groupsOf(String user) {
    var identity = Context.getProcessEngineConfiguration().getIdentityService();
    return Context.getCommandContext().runWithoutAuthorization(() -> identity.createGroupQuery().groupMember(user)
        .list().stream().map(Group::getId).toList());
  }

  private static List<String> membersOf(String group) {
    var identity = Context.getProcessEngineConfiguration().getIdentityService();
    return Context.getCommandContext().runWithoutAuthorization(() -> identity.createUserQuery().memberOfGroup(group)
        .list().stream().map(User::getId).toList());
  }
}
