package io.changegate.governance.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Lint of decisions and forms (Camunda Modeler has no linter for them; these are Changegate's rules): a table's
 * inputs read something ({@code input-expression}), each rule says why it is there ({@code rule-annotated},
 * warning), a decision has a history time to live ({@code history-time-to-live}, note); a form's components have
 * unique ids and unique keys ({@code unique-component-id}, {@code unique-key}).
 */
public final class ModelLint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelLint() {}

  public static List<Finding> decisions(String model, byte[] dmn) {
    List<Finding> findings = new ArrayList<>();
    DmnModelInstance instance = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
    for (Decision decision : instance.getModelElementsByType(Decision.class)) {
      if (decision.getCamundaHistoryTimeToLiveString() == null) {
        findings.add(Finding.info(BpmnLint.CHECK, model, decision.getId(), "history-time-to-live",
            "Decision has no camunda:historyTimeToLive"));
      }
      if (!(decision.getExpression() instanceof DecisionTable table)) {
        continue;
      }
      for (Input input : table.getInputs()) {
        if (input.getInputExpression() == null || input.getInputExpression().getText() == null
            || input.getInputExpression().getText().getTextContent().isBlank()) {
          findings.add(Finding.error(BpmnLint.CHECK, model, input.getId(), "input-expression",
              "Input '" + input.getLabel() + "' reads nothing (empty input expression)"));
        }
      }
      for (Rule rule : table.getRules()) {
        if (rule.getDescription() == null || rule.getDescription().getTextContent().isBlank()) {
          findings.add(Finding.warning(BpmnLint.CHECK, model, rule.getId(), "rule-annotated",
              "Rule has no annotation saying why it is there"));
        }
      }
    }
    return findings;
  }

  public static List<Finding> form(String model, byte[] form) {
    List<Finding> findings = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(form);
    } catch (IOException e) {
      findings.add(Finding.error(BpmnLint.CHECK, model, null, "form-json", "Not a Camunda Form: " + e.getMessage()));
      return findings;
    }
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    components(root.path("components"), model, ids, keys, findings);
    return findings;
  }

  private static void components(JsonNode components, String model, Set<String> ids, Set<String> keys,
      List<Finding> findings) {
    for (JsonNode component : components) {
      String id = component.path("id").asText(null);
      if (id != null && !ids.add(id)) {
        findings.add(Finding.error(BpmnLint.CHECK, model, id, "unique-component-id", "Component id " + id
            + " is used twice"));
      }
      String key = component.path("key").asText(null);
      if (key != null && !keys.add(key)) {
        findings.add(Finding.error(BpmnLint.CHECK, model, id, "unique-key", "Field key '" + key
            + "' is used by two fields: one would overwrite the other"));
      }
      components(component.path("components"), model, ids, keys, findings);
    }
  }
}
