package io.changegate.engine;

import java.util.Objects;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable declared once with its name and type (in the spirit of holunda camunda-bpm-data):
 * {@code CHANGE_ID.from(execution)}, {@code RISK_LEVEL.set(execution, level)}. No variable name is a bare
 * string outside the class that declares it.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  private ProcessVariable(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type);
  }

  public String name() {
    return name;
  }

  /**
   * The value, or {@code null} when the variable is absent. A value of another type — a client completing a task
   * with {@code "decision": {"value": 1}} — is the client's mistake: {@link BadUserRequestException} (400 on the
   * engine APIs), not a ClassCastException (500).
   */
  public T from(VariableScope scope) {
    Object value = scope.getVariable(name);
    if (value != null && !type.isInstance(value)) {
      throw new BadUserRequestException("The variable '" + name + "' must be a " + type.getSimpleName() + ", not a "
          + value.getClass().getSimpleName());
    }
    return value == null ? null : type.cast(value);
  }

  /** The value; a missing variable is a modelling error and fails the step loudly. */
  public T required(VariableScope scope) {
    return Objects.requireNonNull(from(scope), () -> "process variable '" + name + "' is missing");
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  /** Sets the variable in the scope itself (e.g. one instance of a multi-instance subprocess). */
  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  @Override
  public String toString() {
    return name;
  }
}
