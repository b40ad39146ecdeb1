package io.changegate.supplychain.process;

import static io.changegate.supplychain.SupplyChainProcess.SCAN_REASON;
import static io.changegate.supplychain.SupplyChainProcess.SCAN_VERDICT;

import io.changegate.engine.CallableFromModels;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import io.changegate.supplychain.ScanGate;
import io.changegate.supplychain.ScanVerdict;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Check security scans again" of {@code deployment}: security-scan-gate just before anything is
 * deployed, with the scans and sign-offs as they are now ({@code scanVerdict}, {@code scanReason}).
 */
@CallableFromModels
@Component("checkScansBeforeDeployment")
public class CheckScansBeforeDeploymentDelegate implements JavaDelegate {

  private final ScanGate gate;

  public CheckScansBeforeDeploymentDelegate(ScanGate gate) {
    this.gate = gate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    ScanVerdict verdict = gate.beforeDeployment(changeId);

    SCAN_VERDICT.set(execution, verdict.verdict().name());
    SCAN_REASON.set(execution, verdict.reason());
  }
}
