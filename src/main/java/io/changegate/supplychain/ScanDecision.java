package io.changegate.supplychain;

import java.util.Map;

/** Port: evaluates the decision table {@code security-scan-gate} with these facts; the engine adapter implements it. */
public interface ScanDecision {

  /** The decision's outputs {@code scanVerdict} and {@code scanReason}. */
  Map<String, Object> evaluate(Map<String, Object> facts);
}
