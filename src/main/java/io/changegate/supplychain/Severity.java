package io.changegate.supplychain;

/** How bad a finding is, worst first; informational findings are not kept. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW;

  /**
   * A CVSS-like score (SARIF's {@code security-severity} property, as GitHub code scanning reads it): 9.0 and above
   * critical, 7.0 high, 4.0 medium, above 0 low; null for 0 (none).
   */
  static Severity ofScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    return score > 0 ? LOW : null;
  }
}
