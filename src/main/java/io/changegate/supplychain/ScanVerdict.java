package io.changegate.supplychain;

/** What {@code security-scan-gate} decided: {@code PASS}, {@code SIGN_OFF} (security must sign off) or {@code REFUSE}. */
public record ScanVerdict(Verdict verdict, String reason, ScanSummary summary) {

  public enum Verdict { PASS, SIGN_OFF, REFUSE }
}
