package io.changegate.approval.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.approval.TaskRecords;
import io.changegate.engine.Actor;
import io.changegate.security.ServiceAccountOwners;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Gives every user task of every process definition, whatever its model says, two built-in listeners (they run
 * before the model's own): on create it records who the task is for — the candidates the engine just evaluated from
 * the model — and on complete who completed it ({@link TaskRecords}). A process owner cannot leave them out.
 * A task for a service account ({@code svc:<name>}, the requester of a change a pipeline submitted) is offered to the
 * account's owner too, as the service-account table names them: no person logs in as the account, and the owner
 * does its requester's steps ({@link ServiceAccountOwners}).
 */
public class TaskRecordingParseListener extends AbstractBpmnParseListener {

  private final TaskListener created;
  private final TaskListener completed;

  public TaskRecordingParseListener(TaskRecords records, ServiceAccountOwners owners, Clock clock) {
    this.created = task -> {
      for (String user : io.changegate.engine.TaskOffers.candidates(task, false)) {
        owners.ownerOf(user).ifPresent(task::addCandidateUser);
      }
      Set<String> groups = new TreeSet<>();
      Set<String> users = new TreeSet<>();
      for (IdentityLink link : task.getCandidates()) {
        if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
          continue;
        }
        if (link.getGroupId() != null) {
          groups.add(link.getGroupId());
        }
        if (link.getUserId() != null) {
          users.add(link.getUserId());
        }
      }
      records.created(task.getId(), CHANGE_ID.from(task), task.getProcessInstanceId(), processKey(task),
          task.getTaskDefinitionKey(), task.getName() == null ? task.getTaskDefinitionKey() : task.getName(), groups,
          users, clock.instant());
    };
    this.completed = task -> records.completed(task.getId(), Actor.of(task), clock.instant());
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, created);
      userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, completed);
    }
  }

  private static String processKey(DelegateTask task) {
    String definitionId = task.getProcessDefinitionId();
    return definitionId == null ? "" : definitionId.substring(0, definitionId.indexOf(':') < 0
        ? definitionId.length() : definitionId.indexOf(':'));
  }
}
