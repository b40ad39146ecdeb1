package io.changegate.rollback;

import io.changegate.governance.trace.ProcessVersion;
import io.changegate.governance.trace.ProcessVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What the engine knows about a change, for its evidence: which version of each process, decision and form
 * governed it, and every variable of its process instances (from the history, values as text).
 */
@Component
public class ProcessEvidence {

  private final ProcessVersions versions;
  private final HistoryService history;

  public ProcessEvidence(ProcessVersions versions, @Lazy HistoryService history) {
    this.versions = versions;
    this.history = history;
  }

  /** Key, version and SHA-256 of each model that governed the change. */
  public List<ProcessVersion> versionsOf(String changeId) {
    return versions.ofChange(changeId);
  }

  /** Every variable of every process instance of the change: process, name, type and value as text. */
  public List<Map<String, Object>> variablesOf(String changeId) {
    List<Map<String, Object>> variables = new ArrayList<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(changeId).list()) {
      history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
          .disableCustomObjectDeserialization().list().forEach(v -> {
            Map<String, Object> variable = new LinkedHashMap<>();
            variable.put("process", instance.getProcessDefinitionKey());
            variable.put("name", v.getName());
            variable.put("type", v.getTypeName());
            variable.put("value", String.valueOf(v.getValue()));
            variables.add(variable);
          });
    }
    return variables;
  }
}
