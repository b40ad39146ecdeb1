package io.changegate.supplychain;

import io.changegate.engine.ProcessVariable;

/** The names the models and the decision {@code security-scan-gate} use, declared once. */
public final class SupplyChainProcess {

  public static final String SCAN_GATE_DECISION = "security-scan-gate";

  /** The gate's verdict where it was consulted: {@code PASS}, {@code SIGN_OFF} or {@code REFUSE}. */
  public static final ProcessVariable<String> SCAN_VERDICT = ProcessVariable.transientOf("scanVerdict", String.class);
  /** Why, in words. */
  public static final ProcessVariable<String> SCAN_REASON = ProcessVariable.transientOf("scanReason", String.class);
  /** The scans of the change's artifact as a reviewer reads them on a form. */
  public static final ProcessVariable<String> SCAN_FINDINGS = ProcessVariable.of("scanFindings", String.class);

  // the facts security-scan-gate reads
  public static final String SCAN_REQUIRED = "scanRequired";
  public static final String SCANNED = "scanned";
  public static final String CRITICAL_FINDINGS = "criticalFindings";
  public static final String HIGH_FINDINGS = "highFindings";
  public static final String SECRET_FINDINGS = "secretFindings";
  public static final String SECURITY_SIGNED_OFF = "securitySignedOff";

  private SupplyChainProcess() {}
}
