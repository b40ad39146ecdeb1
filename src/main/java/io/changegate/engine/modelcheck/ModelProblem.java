package io.changegate.engine.modelcheck;

import java.util.List;
import org.camunda.bpm.engine.Problem;

/**
 * One reason a model is refused: the resource, where in it (line and column, the element's id, name and type,
 * the attribute or text), and why. A {@link Problem} of the engine, so the REST API reports it the way it
 * reports BPMN parse errors ({@code details.<resource>.errors[]} with {@code mainElementId}), which Camunda
 * Modeler shows.
 *
 * @param elementId   id of the element concerned (the nearest one that has an id), or null
 * @param elementName its name (or label), or null
 * @param elementType its XML name ({@code bpmn:serviceTask}) or form component type
 * @param where       the attribute or text that holds the problem ({@code camunda:expression}), or null
 */
public record ModelProblem(String resource, int line, int column, String elementId, String elementName,
    String elementType, String where, String reason) implements Problem {

  static ModelProblem ofResource(String resource, String reason) {
    return new ModelProblem(resource, -1, -1, null, null, null, null, reason);
  }

  /** {@code bpmn:serviceTask 'Task_Exec' ("Run it"), camunda:expression: calls getClass() ...}. */
  @Override
  public String getMessage() {
    StringBuilder message = new StringBuilder();
    if (elementType != null) {
      message.append(elementType);
    }
    if (elementId != null) {
      message.append(message.isEmpty() ? "" : " ").append('\'').append(elementId).append('\'');
    }
    if (elementName != null && !elementName.isBlank()) {
      message.append(" (\"").append(elementName.strip()).append("\")");
    }
    if (where != null) {
      message.append(message.isEmpty() ? "" : ", ").append(where);
    }
    if (line > 0) {
      message.append(message.isEmpty() ? "" : " ").append("at line ").append(line);
    }
    return (message.isEmpty() ? "" : message + ": ") + reason;
  }

  @Override
  public int getLine() {
    return line;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public String getMainElementId() {
    return elementId;
  }

  @Override
  public List<String> getElementIds() {
    return elementId == null ? List.of() : List.of(elementId);
  }
}
