package io.changegate.rollback.rehearsal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A rollback rehearsal: the change (of a non-production environment) that was deployed, validated and rolled back on
 * purpose, who asked and when, and how it ended: {@code REQUESTED}, {@code PASSED} (restored, data consistency
 * verified) or {@code FAILED}; the time to restore in seconds and the consistency check's result.
 */
public record Rehearsal(String changeId, String service, String environment, String digest, String requestedBy,
    Instant requestedAt, String reason, String outcome, BigDecimal timeToRestoreSeconds, Boolean consistencyPassed,
    String consistency, Instant finishedAt) {

  public static final String REQUESTED = "REQUESTED";
  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";

  public boolean passed() {
    return PASSED.equals(outcome);
  }
}
