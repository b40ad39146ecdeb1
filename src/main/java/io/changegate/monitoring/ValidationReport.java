package io.changegate.monitoring;

import java.util.List;

/** The outcome of one validation round: passed only when every check passed. */
public record ValidationReport(List<CheckResult> checks) {

  public boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed);
  }
}
