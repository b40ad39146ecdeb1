package io.changegate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Who a task is offered to in Tasklist: its candidate links. A task must not be offered to someone who may never
 * take it (the requester of the change it reviews, the deployer of the model change it approves): when such a person
 * belongs to a candidate group, the group gives way to its other members, named one by one (Tasklist's "Asked of
 * me"). Only the offer changes; who the task is for stays what the model said (the task records), and the rules that
 * refuse a claim or completion hold whatever the links say.
 */
public final class TaskOffers {

  private TaskOffers() {}

  /** Offers {@code task} to its candidates except {@code excluded}; nothing changes when no candidate is excluded. */
  public static void except(DelegateTask task, Set<String> excluded) {
    Set<String> offered = new TreeSet<>();
    boolean narrowed = false;
    for (String group : candidates(task, true)) {
      List<String> members = membersOf(group);
      if (members.stream().noneMatch(excluded::contains)) {
        continue;
      }
      narrowed = true;
      withdraw(task, null, group);
      members.stream().filter(member -> !excluded.contains(member)).forEach(offered::add);
    }
    for (String user : candidates(task, false)) {
      if (excluded.contains(user)) {
        withdraw(task, user, null);
      }
    }
    if (narrowed) {
      offered.forEach(task::addCandidateUser);
    }
  }

  /** The candidate groups (or users) of the task as its links are now. */
  public static Set<String> candidates(DelegateTask task, boolean groups) {
    Set<String> ids = new TreeSet<>();
    for (IdentityLink link : new ArrayList<>(task.getCandidates())) {
      String id = groups ? link.getGroupId() : link.getUserId();
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && id != null) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Removes a candidate link. The engine's own {@code deleteCandidateGroup} looks the links up in the database and
   * misses those of a task created in this very transaction, so the task's own list is used.
   */
  private static void withdraw(DelegateTask task, String user, String group) {
    TaskEntity entity = (TaskEntity) task;
    for (IdentityLinkEntity link : new ArrayList<>(entity.getIdentityLinks())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && Objects.equals(user, link.getUserId())
          && Objects.equals(group, link.getGroupId())) {
        link.delete(true);
        entity.getIdentityLinks().remove(link);
      }
    }
  }

  /** Group membership is the engine's fact to read, not the acting user's: read without their authorizations. */
  private static List<String> membersOf(String group) {
    var identity = Context.getProcessEngineConfiguration().getIdentityService();
    return Context.getCommandContext().runWithoutAuthorization(() -> identity.createUserQuery().memberOfGroup(group)
        .list().stream().map(User::getId).toList());
  }
}
