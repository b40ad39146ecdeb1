package io.changegate.supplychain;

import java.util.List;

/**
 * Every scan of a digest taken together: scans only add findings (a clean scan does not wash out an earlier
 * critical), with the worst findings first for the people who decide.
 */
public record ScanSummary(String digest, List<ScanRecord> scans, int critical, int high, int medium, int low,
    int secrets, List<Finding> worst) {

  public boolean scanned() {
    return !scans.isEmpty();
  }

  /** One line per count and the worst findings, for a reviewer's form. */
  public String text() {
    if (digest == null) {
      return "No artifact digest: nothing was scanned.";
    }
    if (scans.isEmpty()) {
      return "No security scan of " + digest + ".";
    }
    StringBuilder text = new StringBuilder();
    text.append(scans.size()).append(scans.size() == 1 ? " scan" : " scans").append(" (")
        .append(String.join(", ", scans.stream().map(s -> s.tool() + " " + s.format().name()).distinct().toList()))
        .append("): ").append(critical).append(" critical, ").append(high).append(" high, ").append(medium)
        .append(" medium, ").append(low).append(" low; ").append(secrets).append(secrets == 1 ? " secret" : " secrets");
    for (Finding f : worst) {
      text.append("\n").append(f.severity()).append(" · ").append(f.category()).append(" · ").append(f.ruleId())
          .append(" · ").append(f.message()).append(f.location() == null ? "" : " (" + f.location() + ")");
    }
    return text.toString();
  }
}
