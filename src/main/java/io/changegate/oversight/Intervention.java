package io.changegate.oversight;

import java.util.List;

/**
 * What one person did by hand to the process instances of one change (or, {@code businessKey} null, to instances
 * or definitions of no change) in one engine operation: an instance modification, a variable edit, a deletion, job
 * retries ... Everything here is what the engine did, as its history saw it, not what the request asked.
 *
 * @param actor the authenticated user
 * @param businessKey the business key of the instances: the change id when it names a change
 * @param operations names of {@link EngineOperations}, in the order they happened
 * @param overridesGovernance whether one of them skips an approval or alters the flow outside the model
 * @param operationIds ids of the engine's user operation log entries, to annotate them later
 * @param annotation the reason the person gave with the operation; null when the API had no place for one
 * @param activitiesCancelled activities the operation cancelled (a deletion cancels them all)
 * @param activitiesStarted activities the operation started, up to where the instances wait again
 * @param variables variables written or removed during the operation
 * @param properties what the engine's log says changed (retries, due date, suspension state, definition ...)
 * @param jobs ids of the jobs the operation touched
 * @param tasks ids of the tasks the operation touched
 * @param batches batches the operation created: they run later, on the engine's job executor
 */
public record Intervention(
    String actor,
    String businessKey,
    List<String> operations,
    boolean overridesGovernance,
    List<String> operationIds,
    String annotation,
    List<Instance> processInstances,
    List<Activity> activitiesCancelled,
    List<Activity> activitiesStarted,
    List<Variable> variables,
    List<Property> properties,
    List<String> jobs,
    List<String> tasks,
    List<Batch> batches) {

  /** A process instance the operation touched; {@code ended} when the operation ended it. */
  public record Instance(String id, String process, boolean ended, String deleteReason, String restartedFrom) {}

  public record Activity(String activity, String name, String process) {}

  /** {@code change}: created, updated or deleted; {@code task} when it is a task's variable. */
  public record Variable(String name, String change, String process, String task, String type, String value) {}

  public record Property(String operation, String property, String from, String to) {}

  /** {@code instances}: how many the batch holds; {@code instructions} of an instance modification batch. */
  public record Batch(String id, String type, int instances, List<String> instructions) {}
}
