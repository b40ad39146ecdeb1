package io.changegate.engine;

import java.util.Objects;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A process variable declared once with its name and type (in the spirit of holunda camunda-bpm-data):
 * {@code CHANGE_ID.from(execution)}, {@code RISK_LEVEL.set(execution, level)}. No variable name is a bare
 * string outside the class that declares it.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;
  private final boolean stored;

  private ProcessVariable(String name, Class<T> type, boolean stored) {
    this.name = name;
    this.type = type;
    this.stored = stored;
  }

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type, true);
  }

  /**
   * A routing value: set by a step and read only by the gateway or decision that follows it in the same
   * transaction, never after a wait state or an asynchronous boundary. It is a transient variable: no runtime or
   * history row is written for it (the facts behind it are on the change's timeline and in the decision history).
   * An instance started before a variable became transient keeps its stored variable, which is updated as before.
   */
  public static <T> ProcessVariable<T> transientOf(String name, Class<T> type) {
    return new ProcessVariable<>(name, type, false);
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
    scope.setVariable(name, stored || isStoredIn(scope) ? value : Variables.untypedValue(value, true));
  }

  /** Sets the variable in the scope itself (e.g. one instance of a multi-instance subprocess). */
  public void setLocal(VariableScope scope, T value) {
    TypedValue existing = stored ? null : scope.getVariableLocalTyped(name);
    boolean keep = stored || (existing != null && !existing.isTransient());
    scope.setVariableLocal(name, keep ? value : Variables.untypedValue(value, true));
  }

  /** The value as a start or completion variable: transient for a {@link #transientOf routing value}. */
  public TypedValue value(T value) {
    return Variables.untypedValue(value, !stored);
  }

  /** Whether this is written to the database (false: a routing value, see {@link #transientOf}). */
  public boolean stored() {
    return stored;
  }

  private boolean isStoredIn(VariableScope scope) {
    TypedValue existing = scope.getVariableTyped(name);
    return existing != null && !existing.isTransient();
  }

  @Override
  public String toString() {
    return name;
  }
}
