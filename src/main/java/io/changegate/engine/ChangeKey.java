package io.changegate.engine;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The change a process instance works on: its business key (docs/names.md). Changegate sets it when it starts an
 * instance, call activities pass it down, and no user can write it (the engine's REST API has no way to, and
 * Changegate refuses user-chosen business keys on start). It is therefore the only place listeners and delegates
 * read the change id from: {@code CHANGE_ID.required(task)}.
 *
 * <p>The same id is also copied into the variable {@code changeId} for Tasklist's list columns. That copy is
 * display only: this class can write it, but nothing reads it back, so a forged variable changes nothing.
 */
public final class ChangeKey {

  private final String displayVariable;

  private ChangeKey(String displayVariable) {
    this.displayVariable = displayVariable;
  }

  /** The change id with a display copy in the variable {@code displayVariable}. */
  public static ChangeKey withDisplayVariable(String displayVariable) {
    return new ChangeKey(displayVariable);
  }

  /** The display variable's name (Tasklist columns, filters). */
  public String name() {
    return displayVariable;
  }

  /** The change id of the instance {@code scope} belongs to, or {@code null} when it has none (yet). */
  public String from(VariableScope scope) {
    if (scope instanceof DelegateTask task) {
      return task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    }
    if (scope instanceof DelegateExecution execution) {
      return execution.getProcessBusinessKey();
    }
    throw new IllegalArgumentException("no process instance behind " + scope.getClass().getName());
  }

  /** The change id; an instance without one is a modelling or start error and fails the step loudly. */
  public String required(VariableScope scope) {
    return Objects.requireNonNull(from(scope), "the process instance carries no change id (business key)");
  }

  /** Writes the display copy (the business key itself is set when the instance starts). */
  public void set(VariableScope scope, String changeId) {
    scope.setVariable(displayVariable, changeId);
  }

  @Override
  public String toString() {
    return displayVariable;
  }
}
