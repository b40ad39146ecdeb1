package io.changegate.supplychain.process;

import io.changegate.supplychain.ScanDecision;
import io.changegate.supplychain.SupplyChainProcess;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code security-scan-gate} (the latest deployed version) in the engine, so each evaluation is in the
 * decision history Cockpit shows. Changegate evaluates it on its own behalf: inside a command started by a person the
 * engine would otherwise ask whether that person may evaluate decisions.
 */
@Component
class EngineScanDecision implements ScanDecision {

  private final DecisionService decisions;

  EngineScanDecision(DecisionService decisions) {
    this.decisions = decisions;
  }

  @Override
  public Map<String, Object> evaluate(Map<String, Object> facts) {
    var command = Context.getCommandContext();
    if (command != null) {
      try {
        return command.runWithoutAuthorization(() -> evaluateNow(facts));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return evaluateNow(facts);
  }

  private Map<String, Object> evaluateNow(Map<String, Object> facts) {
    var result = decisions.evaluateDecisionTableByKey(SupplyChainProcess.SCAN_GATE_DECISION,
        Variables.fromMap(facts)).getSingleResult();
    if (result == null) {
      throw new IllegalStateException(SupplyChainProcess.SCAN_GATE_DECISION + " matched no rule");
    }
    return result.getEntryMap();
  }
}
