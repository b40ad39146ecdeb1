package io.changegate.dossier;

import io.changegate.approval.TaskRecords;
import io.changegate.change.Change;
import io.changegate.change.ChangeStatus;
import io.changegate.deployment.SlotHolders;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Works out {@link WaitingFor} from what the engine holds for the change's business key (open tasks, incidents,
 * timers), whom each task is for from the task records, and the deployment slots from their store.
 */
@Component
class WaitingForReader {

  private static final Set<ChangeStatus> CHANGEGATE_AT_WORK =
      Set.of(ChangeStatus.DEPLOYING, ChangeStatus.VALIDATING, ChangeStatus.ROLLING_BACK);

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final TaskRecords taskRecords;
  private final SlotHolders slots;

  WaitingForReader(TaskService tasks, RuntimeService runtime, ManagementService management, TaskRecords taskRecords,
      SlotHolders slots) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.management = management;
    this.taskRecords = taskRecords;
    this.slots = slots;
  }

  WaitingFor of(Change change) {
    if (change.status().isFinal()) {
      return WaitingFor.nothing("Nothing: the change is " + change.status() + ".");
    }
    List<ProcessInstance> all = instancesOf(change.id());
    List<String> suspended = all.stream().filter(ProcessInstance::isSuspended)
        .map(p -> processKey(p.getProcessDefinitionId())).distinct().toList();
    if (!suspended.isEmpty()) {
      // a suspended instance runs no job and offers no task: the change waits for whoever activates it again
      return new WaitingFor(WaitingFor.Kind.SUSPENDED, "An administrator suspended it (" + String.join(", ", suspended)
          + "): nothing runs until it is activated again.", List.of(), null, List.of(), null, null, List.of());
    }
    List<String> instances = all.stream().map(ProcessInstance::getId).toList();
    List<WaitingFor.StuckStep> stuck = new ArrayList<>();
    for (String instance : instances) {
      for (Incident incident : runtime.createIncidentQuery().processInstanceId(instance).list()) {
        if (!incident.getId().equals(incident.getRootCauseIncidentId())) {
          continue; // the calling instance's copy of a sub-instance's incident: the root cause says what failed
        }
        stuck.add(new WaitingFor.StuckStep(incident.getActivityId(), incident.getIncidentMessage(),
            instant(incident.getIncidentTimestamp()), instance));
      }
    }
    List<WaitingFor.OpenTask> open = openTasks(change.id());
    if (!open.isEmpty()) {
      return new WaitingFor(WaitingFor.Kind.TASK, taskSummary(open), open, null, List.of(), null,
          open.stream().map(WaitingFor.OpenTask::due).filter(d -> d != null).min(Comparator.naturalOrder())
              .orElse(null), stuck);
    }
    if (!stuck.isEmpty()) {
      return new WaitingFor(WaitingFor.Kind.INCIDENT, "Operations: a step failed after its retries ("
          + stuck.get(0).activity() + ": " + stuck.get(0).message() + ").", List.of(), null, List.of(),
          stuck.get(0).since(), null, stuck);
    }
    Optional<SlotHolders.Waiting> queued = slots.waitingOf(change.id());
    if (queued.isPresent()) {
      SlotHolders.Waiting w = queued.get();
      List<String> blockers = w.blockedBy();
      String summary = blockers.isEmpty()
          ? "A deployment slot in " + w.environment() + (w.queuedAhead().isEmpty() ? "."
              : ", behind " + String.join(", ", w.queuedAhead()) + ".")
          : "A deployment slot in " + w.environment() + ": blocked by " + String.join(", ", blockers)
              + (w.holdingTargets().isEmpty() ? " (every slot in use)." : " (holding its targets).");
      return new WaitingFor(WaitingFor.Kind.ENVIRONMENT_SLOT, summary, List.of(), w.environment(), blockers, w.since(),
          null, List.of());
    }
    if (!CHANGEGATE_AT_WORK.contains(change.status())) {
      Optional<Instant> timer = instances.isEmpty() ? Optional.empty()
          : management.createJobQuery().processInstanceIds(Set.copyOf(instances)).timers().list().stream()
              .map(Job::getDuedate).filter(d -> d != null).map(Date::toInstant).min(Comparator.naturalOrder());
      if (timer.isPresent()) {
        return new WaitingFor(WaitingFor.Kind.WINDOW, "Its window: it goes on at "
            + DateTimeFormatter.ISO_INSTANT.format(timer.get()) + ".", List.of(), change.environment(), List.of(),
            null, timer.get(), List.of());
      }
    }
    return new WaitingFor(WaitingFor.Kind.CHANGEGATE, switch (change.status()) {
      case DEPLOYING -> "Changegate: the deployment is rolling out.";
      case VALIDATING -> "Changegate: validation runs.";
      case ROLLING_BACK -> "Changegate: the rollback runs.";
      default -> "Changegate: the next step runs.";
    }, List.of(), change.environment(), List.of(), null, null, List.of());
  }

  /**
   * The change's process instances, active or suspended: the engine's native query on its execution table (the
   * business key is indexed), a fraction of the cost of the query builder's dynamic SQL on every dossier and every
   * intake answer.
   */
  private List<ProcessInstance> instancesOf(String changeId) {
    return runtime.createNativeProcessInstanceQuery()
        .sql("SELECT * FROM " + management.getTableName(ProcessInstance.class)
            + " WHERE BUSINESS_KEY_ = #{changeId} AND ID_ = PROC_INST_ID_")
        .parameter("changeId", changeId)
        .list();
  }

  private static String processKey(String definitionId) {
    return definitionId == null ? "?" : definitionId.substring(0, Math.max(0, definitionId.indexOf(':')));
  }

  private List<WaitingFor.OpenTask> openTasks(String changeId) {
    // every user task of a change is recorded when it is created: without a record not completed, none is open
    Map<String, TaskRecords.TaskRecord> records = taskRecords.notCompletedOf(changeId).stream()
        .collect(Collectors.toMap(TaskRecords.TaskRecord::taskId, r -> r));
    if (records.isEmpty()) {
      return List.of();
    }
    List<WaitingFor.OpenTask> open = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(changeId).active().orderByTaskCreateTime().asc()
        .list()) {
      Optional<TaskRecords.TaskRecord> record = Optional.ofNullable(records.get(task.getId()));
      List<String> groups;
      List<String> users;
      if (record.isPresent()) {
        groups = List.copyOf(record.get().candidateGroups());
        users = List.copyOf(record.get().candidateUsers());
      } else {
        List<IdentityLink> links = tasks.getIdentityLinksForTask(task.getId());
        groups = links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
            .map(IdentityLink::getGroupId).toList();
        users = links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getUserId() != null)
            .map(IdentityLink::getUserId).toList();
      }
      open.add(new WaitingFor.OpenTask(task.getId(), task.getName(),
          task.getProcessDefinitionId() == null ? null : processKey(task.getProcessDefinitionId()),
          task.getProcessInstanceId(),
          groups, users, task.getAssignee(), instant(task.getCreateTime()), instant(task.getDueDate())));
    }
    return open;
  }

  private static String taskSummary(List<WaitingFor.OpenTask> open) {
    List<String> parts = new ArrayList<>();
    for (WaitingFor.OpenTask task : open) {
      String whom = task.assignee() != null ? task.assignee()
          : !task.groups().isEmpty() ? "group " + String.join(", ", task.groups())
          : String.join(", ", task.users());
      parts.add("\u201c" + task.name() + "\u201d for " + whom
          + (task.due() == null ? "" : ", due " + DateTimeFormatter.ISO_INSTANT.format(task.due())));
    }
    return String.join("; ", parts) + ".";
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
