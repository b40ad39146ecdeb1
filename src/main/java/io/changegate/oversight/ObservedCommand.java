package io.changegate.oversight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the engine's history saw during one command a person started (a {@code /engine-rest} or Cockpit request),
 * in plain values: the interventions in its user operation log, and what happened to process instances while the
 * command itself ran (not in commands the process's own code started from inside it). {@link #interventions}
 * turns it into one {@link Intervention} per change touched.
 */
final class ObservedCommand {

  /** One relevant entry of the engine's user operation log. */
  record Operation(String operationId, EngineOperations.Kind kind, String processInstanceId, String jobId,
      String taskId, String property, String from, String to, String annotation) {}

  /** A history event of a process instance: {@code event} start, update, end or migrate. */
  record InstanceEvent(String processInstanceId, String processKey, String businessKey, String event,
      String deleteReason, String restartedFrom) {}

  /** An activity that started, or ended cancelled. */
  record ActivityEvent(String processInstanceId, String processKey, String activityId, String name, boolean started) {}

  /** {@code event}: create, update or delete. */
  record VariableEvent(String processInstanceId, String processKey, String name, String event, String taskId,
      String type, String value) {}

  /** A batch the command created, with the process instances it will work on. */
  record Batch(String id, String type, List<String> processInstanceIds, List<String> instructions) {}

  /** The annotation of an earlier operation was set, or cleared. */
  record Annotation(String operationId, boolean cleared) {}

  /** What the engine knows of a process instance. */
  record InstanceRef(String id, String processKey, String businessKey) {}

  private final String actor;
  private final String trigger;
  private final List<Operation> operations = new ArrayList<>();
  private final List<InstanceEvent> instanceEvents = new ArrayList<>();
  private final List<ActivityEvent> activityEvents = new ArrayList<>();
  private final List<VariableEvent> variableEvents = new ArrayList<>();
  private final List<String> batchIds = new ArrayList<>();
  private final List<Annotation> annotations = new ArrayList<>();

  /**
   * @param trigger the intervention the command is by its kind alone, for those the engine does not log (a
   *     message correlated to one instance, a signal): null for every other command
   */
  ObservedCommand(String actor, String trigger) {
    this.actor = actor;
    this.trigger = trigger;
  }

  String actor() {
    return actor;
  }

  void operation(Operation operation) {
    operations.add(operation);
  }

  void instance(InstanceEvent event) {
    instanceEvents.add(event);
  }

  void activity(ActivityEvent event) {
    activityEvents.add(event);
  }

  void variable(VariableEvent event) {
    variableEvents.add(event);
  }

  void batch(String batchId) {
    batchIds.add(batchId);
  }

  void annotation(Annotation annotation) {
    annotations.add(annotation);
  }

  List<String> batchIds() {
    return batchIds;
  }

  List<Annotation> annotations() {
    return annotations;
  }

  /**
   * One intervention per business key among the instances the command touched; one without a business key when it
   * touched none (an operation on a whole definition). Empty when the command was no intervention (a task completed,
   * a process started from its start form ...).
   *
   * @param resolve what the engine knows of an instance the history events of this command did not show
   * @param batches the batches of {@link #batchIds()}, with their instances
   */
  List<Intervention> interventions(Function<String, InstanceRef> resolve, List<Batch> batches) {
    Set<String> startedWithKey = new HashSet<>();
    Map<String, InstanceRef> seen = new HashMap<>();
    for (InstanceEvent e : instanceEvents) {
      InstanceRef before = seen.get(e.processInstanceId());
      seen.put(e.processInstanceId(), new InstanceRef(e.processInstanceId(), e.processKey(),
          e.businessKey() != null || before == null ? e.businessKey() : before.businessKey()));
      if ("start".equals(e.event()) && e.businessKey() != null) {
        startedWithKey.add(e.processInstanceId());
      }
    }
    // a process started by hand is an intervention only when it starts with an existing change's id: a start form
    // starts without a business key and Changegate gives it one
    List<Operation> relevant = operations.stream()
        .filter(o -> !EngineOperations.START_PROCESS_INSTANCE.equals(o.kind().name())
            || startedWithKey.contains(o.processInstanceId()))
        .toList();
    if (relevant.isEmpty() && trigger == null) {
      return List.of();
    }

    Map<String, InstanceRef> touched = new LinkedHashMap<>();
    Function<String, InstanceRef> ref = id -> seen.containsKey(id) ? seen.get(id) : resolve.apply(id);
    List<String> ids = new ArrayList<>();
    relevant.forEach(o -> ids.add(o.processInstanceId()));
    batches.forEach(b -> ids.addAll(b.processInstanceIds()));
    instanceEvents.forEach(e -> ids.add(e.processInstanceId()));
    activityEvents.forEach(e -> ids.add(e.processInstanceId()));
    variableEvents.forEach(e -> ids.add(e.processInstanceId()));
    for (String id : ids) {
      if (id != null && !touched.containsKey(id)) {
        InstanceRef found = ref.apply(id);
        if (found != null) {
          touched.put(id, found);
        }
      }
    }

    Map<String, List<InstanceRef>> byKey = new LinkedHashMap<>();
    touched.values().forEach(i -> byKey.computeIfAbsent(i.businessKey(), k -> new ArrayList<>()).add(i));
    if (byKey.isEmpty()) {
      byKey.put(null, List.of());
    }
    List<Intervention> result = new ArrayList<>();
    for (Map.Entry<String, List<InstanceRef>> group : byKey.entrySet()) {
      Set<String> instances = new HashSet<>();
      group.getValue().forEach(i -> instances.add(i.id()));
      List<Operation> here = relevant.stream()
          .filter(o -> o.processInstanceId() == null || instances.contains(o.processInstanceId())).toList();
      if (here.isEmpty() && trigger == null) {
        continue;
      }
      result.add(intervention(group.getKey(), group.getValue(), instances, here, batches));
    }
    return result;
  }

  private Intervention intervention(String businessKey, List<InstanceRef> refs, Set<String> instances,
      List<Operation> here, List<Batch> batches) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> operationIds = new LinkedHashSet<>();
    Set<String> jobs = new LinkedHashSet<>();
    Set<String> tasks = new LinkedHashSet<>();
    Set<Intervention.Property> properties = new LinkedHashSet<>();
    boolean overrides = false;
    String annotation = null;
    for (Operation o : here) {
      names.add(o.kind().name());
      overrides |= o.kind().overridesGovernance();
      operationIds.add(o.operationId());
      if (o.jobId() != null) {
        jobs.add(o.jobId());
      }
      if (o.taskId() != null) {
        tasks.add(o.taskId());
      }
      if (o.property() != null) {
        properties.add(new Intervention.Property(o.kind().name(), o.property(), o.from(), o.to()));
      }
      if (annotation == null && o.annotation() != null && !o.annotation().isBlank()) {
        annotation = o.annotation();
      }
    }
    if (names.isEmpty()) {
      names.add(trigger);
    }

    List<Intervention.Instance> touched = new ArrayList<>();
    for (InstanceRef i : refs) {
      InstanceEvent end = instanceEvents.stream()
          .filter(e -> e.processInstanceId().equals(i.id()) && "end".equals(e.event())).findFirst().orElse(null);
      String restartedFrom = instanceEvents.stream().filter(e -> e.processInstanceId().equals(i.id()))
          .map(InstanceEvent::restartedFrom).filter(Objects::nonNull).findFirst().orElse(null);
      touched.add(new Intervention.Instance(i.id(), i.processKey(), end != null,
          end == null ? null : end.deleteReason(), restartedFrom));
    }
    List<Intervention.Activity> cancelled = new ArrayList<>();
    List<Intervention.Activity> started = new ArrayList<>();
    for (ActivityEvent a : activityEvents) {
      if (instances.contains(a.processInstanceId())) {
        (a.started() ? started : cancelled).add(new Intervention.Activity(a.activityId(), a.name(), a.processKey()));
      }
    }
    List<Intervention.Variable> variables = variableEvents.stream()
        .filter(v -> instances.contains(v.processInstanceId()))
        .map(v -> new Intervention.Variable(v.name(), variableChange(v.event()), v.processKey(), v.taskId(), v.type(),
            v.value()))
        .toList();
    List<Intervention.Batch> created = batches.stream()
        .filter(b -> businessKey == null || b.processInstanceIds().stream().anyMatch(instances::contains))
        .map(b -> new Intervention.Batch(b.id(), b.type(), b.processInstanceIds().size(), b.instructions()))
        .toList();
    return new Intervention(actor, businessKey, List.copyOf(names), overrides, List.copyOf(operationIds), annotation,
        touched, cancelled, started, variables, List.copyOf(properties), List.copyOf(jobs), List.copyOf(tasks), created);
  }

  private static String variableChange(String event) {
    return switch (event) {
      case "create" -> "created";
      case "delete" -> "deleted";
      default -> "updated";
    };
  }
}
