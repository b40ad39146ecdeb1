package io.changegate.processes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Stand-in for a delegate or execution listener bean of the diagrams ({@code ${deployTarget}},
 * {@code ${loadChangeForReview}}…): records where and with which variables it ran, then does what the test
 * told it to (set an output variable, throw).
 */
public final class RecordingDelegate implements JavaDelegate, ExecutionListener {

  /** One run: the process, the step, the business key and a copy of the variables it saw. */
  public record Run(String processKey, String activityId, String businessKey, Map<String, Object> variables) {

    public Object variable(String name) {
      return variables.get(name);
    }
  }

  private final List<Run> runs = new CopyOnWriteArrayList<>();
  private volatile Consumer<DelegateExecution> behaviour = execution -> { };

  /** What the bean does after recording, e.g. {@code execution -> ROLLOUT_STATE.set(execution, "HEALTHY")}. */
  public RecordingDelegate then(Consumer<DelegateExecution> behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  /** What the bean does now (to extend a default: {@code then(behaviour().andThen(...))}). */
  public Consumer<DelegateExecution> behaviour() {
    return behaviour;
  }

  /** The bean throws: a technical failure (retries, then an incident). */
  public RecordingDelegate failing(RuntimeException failure) {
    return then(execution -> {
      throw failure;
    });
  }

  @Override
  public void execute(DelegateExecution execution) {
    record(execution);
  }

  @Override
  public void notify(DelegateExecution execution) {
    record(execution);
  }

  private void record(DelegateExecution execution) {
    runs.add(new Run(processKey(execution), execution.getCurrentActivityId(), execution.getProcessBusinessKey(),
        Map.copyOf(withoutNulls(execution.getVariables()))));
    behaviour.accept(execution);
  }

  public List<Run> runs() {
    return List.copyOf(runs);
  }

  public Run onlyRun() {
    if (runs.size() != 1) {
      throw new AssertionError("expected exactly one run, got " + runs);
    }
    return runs.get(0);
  }

  public boolean neverRan() {
    return runs.isEmpty();
  }

  static String processKey(DelegateExecution execution) {
    return ((ExecutionEntity) execution).getProcessDefinition().getKey();
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> variables) {
    Map<String, Object> copy = new HashMap<>(variables);
    copy.values().removeIf(Objects::isNull);
    return copy;
  }
}
