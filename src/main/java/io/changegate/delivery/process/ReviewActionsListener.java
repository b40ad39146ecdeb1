package io.changegate.delivery.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.delivery.ImprovementAction;
import io.changegate.delivery.ImprovementActionRequest;
import io.changegate.delivery.ImprovementActions;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.web.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the postmortem ({@code ${reviewActions.postmortem(task)}}, rollback.bpmn) and of the
 * post-implementation review ({@code ${reviewActions.postImplementationReview(task)}}, emergency-change.bpmn): the
 * form's list {@code improvementActions} (title, owner, due date, what it amends) becomes tracked improvement actions
 * of the change, recorded and audited under the person completing the task. All or none: a row with an error refuses
 * the completion with every error, the task stays open and nothing is recorded. Rows left entirely empty are
 * skipped (the form shows one empty row).
 */
@CallableFromModels
@Component("reviewActions")
public class ReviewActionsListener {

  public static final String VARIABLE = "improvementActions";
  static final String ACTION_ITEMS = "actionItems";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImprovementActions actions;

  public ReviewActionsListener(ImprovementActions actions) {
    this.actions = actions;
  }

  /** A postmortem names at least one action: in the list, or as text in {@code actionItems}. */
  public List<ImprovementAction> postmortem(DelegateTask task) {
    List<ImprovementAction> recorded = record(task, ImprovementAction.Source.POSTMORTEM);
    Object notes = task.getVariable(ACTION_ITEMS);
    if (recorded.isEmpty() && (notes == null || notes.toString().isBlank())) {
      throw new GovernanceRefusal("A postmortem names at least one improvement action (title and owner) or action "
          + "items in 'actionItems'");
    }
    return recorded;
  }

  public List<ImprovementAction> postImplementationReview(DelegateTask task) {
    return record(task, ImprovementAction.Source.POST_IMPLEMENTATION_REVIEW);
  }

  private List<ImprovementAction> record(DelegateTask task, ImprovementAction.Source source) {
    String changeId = CHANGE_ID.required(task);
    List<ImprovementActionRequest> requests = parse(changeId, task.getVariable(VARIABLE), source);
    try {
      return actions.recordAll(requests, Actor.of(task));
    } catch (InvalidRequestException e) {
      throw new GovernanceRefusal("The improvement actions have " + e.errors().size() + " error(s): "
          + e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
    }
  }

  static List<ImprovementActionRequest> parse(String changeId, Object value, ImprovementAction.Source source) {
    if (value == null) {
      return List.of();
    }
    JsonNode list;
    try {
      list = value instanceof String text ? JSON.readTree(text)
          : value instanceof Map<?, ?> || value instanceof List<?> ? JSON.valueToTree(value)
          : JSON.readTree(value.toString());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new GovernanceRefusal("'" + VARIABLE + "' must be a JSON list of actions (title, owner, dueDate, amends)");
    }
    if (list == null || list.isNull() || list.isMissingNode()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new GovernanceRefusal("'" + VARIABLE + "' must be a JSON list of actions (title, owner, dueDate, amends)");
    }
    List<ImprovementActionRequest> requests = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int index = 0;
    for (JsonNode row : list) {
      String title = text(row, "title");
      String owner = text(row, "owner");
      String due = text(row, "dueDate");
      String amends = text(row, "amends");
      if (title == null && owner == null && due == null && amends == null) {
        index++;
        continue;
      }
      LocalDate dueDate = null;
      if (due != null) {
        try {
          // form-js date fields give yyyy-MM-dd; a datetime value is cut to its day
          dueDate = LocalDate.parse(due.length() > 10 ? due.substring(0, 10) : due);
        } catch (DateTimeParseException e) {
          errors.add(VARIABLE + "[" + index + "].dueDate: must be a date (yyyy-MM-dd)");
        }
      }
      requests.add(ImprovementActionRequest.of(changeId, title, owner, dueDate, source.name(), amends));
      index++;
    }
    if (!errors.isEmpty()) {
      throw new GovernanceRefusal("The improvement actions have " + errors.size() + " error(s): "
          + String.join("; ", errors));
    }
    return requests;
  }

  private static String text(JsonNode row, String field) {
    JsonNode value = row == null ? null : row.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }
}
