package io.changegate.audit;

/**
 * The result of walking the chain. When {@code intact} is false, {@code firstBrokenSeq} is the first
 * entry that does not hold (edited, missing, or out of step with the head) and {@code problem} says how.
 */
public record AuditVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {

  static AuditVerification ok(long checked) {
    return new AuditVerification(true, checked, null, null);
  }

  static AuditVerification broken(long checked, long seq, String problem) {
    return new AuditVerification(false, checked, seq, problem);
  }
}
