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
 * Service task "Check security scans" of {@code change-request}: security-scan-gate on the change's artifact before it
 * is classified ({@code scanVerdict}: PASS, SIGN_OFF, REFUSE; {@code scanReason}).
 */
@CallableFromModels
@Component("checkSecurityScans")
public class CheckScansDelegate implements JavaDelegate {

  private final ScanGate gate;

  public CheckScansDelegate(ScanGate gate) {
    this.gate = gate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    ScanVerdict verdict = gate.atClassification(changeId);

    SCAN_VERDICT.set(execution, verdict.verdict().name());
    SCAN_REASON.set(execution, verdict.reason());
  }
}
