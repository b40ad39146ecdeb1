package io.changegate.pages;

import io.changegate.approval.TaskRecords;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.deployment.SlotHolders;
import io.changegate.deployment.SlotLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The work lists of the pages: the open tasks of a person and their groups, and the boards of the CAB and operations
 * (what waits at which step for which group, what is overdue, what is in flight per environment, what failed or was
 * rolled back this week). Reads only.
 */
@Service
public class Worklists {

  private static final int MAX_TASKS = 500;
  private static final Set<ChangeStatus> IN_FLIGHT =
      Set.of(ChangeStatus.DEPLOYING, ChangeStatus.VALIDATING, ChangeStatus.ROLLING_BACK);
  private static final List<ChangeStatus> WENT_WRONG =
      List.of(ChangeStatus.FAILED, ChangeStatus.ROLLED_BACK, ChangeStatus.ROLLING_BACK);

  /** An open task of a change. */
  public record WorkItem(String taskId, String name, String changeId, String title, List<String> groups,
      List<String> users, String assignee, Instant created, Instant due, boolean overdue) {

    public String tasklistUrl() {
      return Links.tasklistTask(taskId);
    }

    public String whom() {
      if (assignee != null) {
        return assignee;
      }
      return groups.isEmpty() ? String.join(", ", users) : String.join(", ", groups);
    }
  }

  /** One line of the board: a step, the group it waits for, the changes waiting there. */
  public record Stage(String step, String group, List<WorkItem> items) {

    public Instant oldest() {
      return items.stream().map(WorkItem::created).min(Comparator.naturalOrder()).orElse(null);
    }
  }

  /** An environment: its slots, who holds them, the changes in flight there. */
  public record Environment(String name, int limit, List<String> holders, List<Change> inFlight) {}

  /** The board of the CAB and operations. */
  public record Board(List<Stage> stages, List<WorkItem> overdue, List<Environment> environments,
      List<Change> wentWrong) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final TaskRecords records;
  private final ChangeService changes;
  private final SlotHolders slots;
  private final SlotLimits limits;
  private final EnvironmentCatalog catalog;
  private final Clock clock;

  Worklists(TaskService tasks, RuntimeService runtime, TaskRecords records, ChangeService changes, SlotHolders slots,
      SlotLimits limits, EnvironmentCatalog catalog, Clock clock) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.records = records;
    this.changes = changes;
    this.slots = slots;
    this.limits = limits;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Tasks asked of the person by name or assigned to them. */
  public List<WorkItem> askedOf(String user) {
    Map<String, Task> found = new LinkedHashMap<>();
    tasks.createTaskQuery().taskAssignee(user).active().listPage(0, MAX_TASKS).forEach(t -> found.put(t.getId(), t));
    tasks.createTaskQuery().taskInvolvedUser(user).active().listPage(0, MAX_TASKS)
        .forEach(t -> found.putIfAbsent(t.getId(), t));
    return items(found.values(), user);
  }

  /** Tasks for the person's groups that are not theirs by name (nobody has claimed them, or a colleague has). */
  public List<WorkItem> ofGroups(String user, List<String> groups) {
    if (groups.isEmpty()) {
      return List.of();
    }
    List<Task> found = tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().active()
        .orderByTaskCreateTime().asc().listPage(0, MAX_TASKS);
    return items(found, user).stream().filter(i -> !user.equals(i.assignee())).toList();
  }

  public List<Change> requestedBy(String user) {
    return changes.search(io.changegate.change.ChangeQuery.ofRequester(user, 100));
  }

  public Board board() {
    Instant now = clock.instant();
    List<Task> open = tasks.createTaskQuery().active().orderByTaskCreateTime().asc().listPage(0, MAX_TASKS);
    List<WorkItem> items = items(open, null);
    Map<String, List<WorkItem>> byStage = new TreeMap<>();
    for (WorkItem item : items) {
      List<String> groups = item.groups().isEmpty() ? List.of("(by name)") : item.groups();
      for (String group : groups) {
        byStage.computeIfAbsent(item.name() + "\u0000" + group, k -> new ArrayList<>()).add(item);
      }
    }
    List<Stage> stages = byStage.entrySet().stream()
        .map(e -> new Stage(e.getKey().split("\u0000")[0], e.getKey().split("\u0000")[1], e.getValue())).toList();
    List<WorkItem> overdue = items.stream().filter(WorkItem::overdue).toList();

    Map<String, List<Change>> flying = new TreeMap<>();
    for (ChangeStatus status : IN_FLIGHT) {
      for (Change c : changes.list(status, null, null, 200)) {
        flying.computeIfAbsent(c.environment(), k -> new ArrayList<>()).add(c);
      }
    }
    // every environment of the catalog shows, busy or not
    catalog.all().forEach(environment -> flying.computeIfAbsent(environment.name(), k -> new ArrayList<>()));
    List<Environment> environments = flying.entrySet().stream()
        .map(e -> new Environment(e.getKey(), limits.limitOf(e.getKey()), slots.holdersOf(e.getKey()),
            e.getValue()))
        .toList();

    Instant weekAgo = now.minus(Duration.ofDays(7));
    List<Change> wentWrong = WENT_WRONG.stream().flatMap(s -> changes.list(s, null, null, 200).stream())
        .filter(c -> c.updatedAt() != null && c.updatedAt().isAfter(weekAgo))
        .sorted(Comparator.comparing(Change::updatedAt).reversed()).toList();
    return new Board(stages, overdue, environments, wentWrong);
  }

  private List<WorkItem> items(Collection<Task> found, String viewer) {
    if (found.isEmpty()) {
      return List.of();
    }
    Set<String> instanceIds = found.stream().map(Task::getProcessInstanceId).filter(id -> id != null)
        .collect(Collectors.toSet());
    Map<String, String> changeOf = runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
        .filter(p -> p.getBusinessKey() != null)
        .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey, (a, b) -> a));
    Map<String, String> titles = new java.util.HashMap<>();
    Instant now = clock.instant();
    List<WorkItem> items = new ArrayList<>();
    for (Task task : found) {
      String changeId = changeOf.get(task.getProcessInstanceId());
      String title = changeId == null ? null : titles.computeIfAbsent(changeId, id -> {
        try {
          return changes.get(id).title();
        } catch (RuntimeException notAChange) {
          return null; // a model change's tasks carry its proposal key, not a change id
        }
      });
      var record = records.find(task.getId());
      List<String> groups = record.map(r -> List.copyOf(new java.util.TreeSet<>(r.candidateGroups()))).orElse(List.of());
      List<String> users = record.map(r -> List.copyOf(new java.util.TreeSet<>(r.candidateUsers()))).orElse(List.of());
      Instant due = instant(task.getDueDate());
      items.add(new WorkItem(task.getId(), task.getName(), title == null ? null : changeId, title, groups, users,
          task.getAssignee(), instant(task.getCreateTime()), due, due != null && due.isBefore(now)));
    }
    items.sort(Comparator.comparing(WorkItem::created, Comparator.nullsLast(Comparator.naturalOrder())));
    return items;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
