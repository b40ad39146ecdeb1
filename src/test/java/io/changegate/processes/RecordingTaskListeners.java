package io.changegate.processes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A task-listener bean of the diagrams that records each call ({@code method:taskKey:loopCounter}) and can be told to
 * refuse ({@link #refuseWith}): {@code rehearsalTasks.requireRehearsed(task)}, {@code statefulComponents.load(task)},
 * {@code statefulComponents.restored(task)}.
 */
public final class RecordingTaskListeners {

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile Consumer<DelegateTask> behaviour = task -> { };

  public void requireRehearsed(DelegateTask task) {
    record("requireRehearsed", task);
  }

  public void load(DelegateTask task) {
    record("load", task);
  }

  public void restored(DelegateTask task) {
    record("restored", task);
  }

  /** Every later call runs {@code behaviour} first (throw to refuse). */
  public RecordingTaskListeners refuseWith(Consumer<DelegateTask> behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  private void record(String method, DelegateTask task) {
    behaviour.accept(task);
    calls.add(method + ":" + task.getTaskDefinitionKey() + ":" + task.getVariable("loopCounter"));
  }
}
