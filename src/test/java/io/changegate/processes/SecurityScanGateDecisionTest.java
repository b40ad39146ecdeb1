package io.changegate.processes;

import static io.changegate.supplychain.SupplyChainProcess.CRITICAL_FINDINGS;
import static io.changegate.supplychain.SupplyChainProcess.HIGH_FINDINGS;
import static io.changegate.supplychain.SupplyChainProcess.SCANNED;
import static io.changegate.supplychain.SupplyChainProcess.SCAN_REQUIRED;
import static io.changegate.supplychain.SupplyChainProcess.SECRET_FINDINGS;
import static io.changegate.supplychain.SupplyChainProcess.SECURITY_SIGNED_OFF;

import io.changegate.change.ChangeProcess;
import io.changegate.supplychain.SupplyChainProcess;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/security-scan-gate.dmn, rule by rule, with the facts ScanGate hands it. */
@Deployment(resources = ProcessTestSupport.SECURITY_SCAN_GATE_DMN)
class SecurityScanGateDecisionTest extends ProcessTestSupport {

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  /** Scanned, nothing found, not required, nobody signed, not classified yet. */
  private static VariableMap facts() {
    return Variables.createVariables()
        .putValue(SCAN_REQUIRED, false).putValue(SCANNED, true)
        .putValue(SECRET_FINDINGS, 0).putValue(CRITICAL_FINDINGS, 0).putValue(HIGH_FINDINGS, 0)
        .putValue(SECURITY_SIGNED_OFF, false).putValue(ChangeProcess.CHANGE_TYPE.name(), "");
  }

  private String[] judge(VariableMap facts) {
    DmnDecisionResultEntries result = processEngine.getDecisionService()
        .evaluateDecisionByKey(SupplyChainProcess.SCAN_GATE_DECISION).variables(facts).evaluate().getSingleResult();
    return new String[] {result.getEntry(SupplyChainProcess.SCAN_VERDICT.name()),
        result.getEntry(SupplyChainProcess.SCAN_REASON.name())};
  }

  @Test
  void aCleanScanPasses() {
    Assertions.assertThat(judge(facts())).containsExactly("PASS", "Scanned: no secret, critical or high finding");
  }

  @Test
  void noScanWhereOneIsRequiredIsRefusedWithTheReason() {
    String[] verdict = judge(facts().putValue(SCAN_REQUIRED, true).putValue(SCANNED, false));
    Assertions.assertThat(verdict[0]).isEqualTo("REFUSE");
    Assertions.assertThat(verdict[1]).contains("No security scan", "requires one");
    Assertions.assertThat(judge(facts().putValue(SCANNED, false))[0]).as("not required").isEqualTo("PASS");
  }

  @Test
  void anySecretOrCriticalIsRefusedWhateverTheSignOff() {
    Assertions.assertThat(judge(facts().putValue(SECRET_FINDINGS, 2).putValue(SECURITY_SIGNED_OFF, true)))
        .containsExactly("REFUSE", "2 secret(s) found in the artifact: rotate them and build again");
    Assertions.assertThat(judge(facts().putValue(CRITICAL_FINDINGS, 1).putValue(SECURITY_SIGNED_OFF, true)))
        .containsExactly("REFUSE", "1 critical finding(s): fix them before this artifact is deployed");
  }

  @Test
  void highFindingsNeedSecuritysSignOff() {
    Assertions.assertThat(judge(facts().putValue(HIGH_FINDINGS, 3)))
        .containsExactly("SIGN_OFF", "3 high finding(s): security must sign off");
    Assertions.assertThat(judge(facts().putValue(HIGH_FINDINGS, 3).putValue(SECURITY_SIGNED_OFF, true))[0])
        .isEqualTo("PASS");
    Assertions.assertThat(judge(facts().putValue(HIGH_FINDINGS, 3).putValue(ChangeProcess.CHANGE_TYPE.name(),
        "EMERGENCY"))[1]).contains("ECAB");
  }
}
