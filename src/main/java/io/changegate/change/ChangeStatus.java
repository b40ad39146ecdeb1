package io.changegate.change;

/** Status values of docs/names.md. */
public enum ChangeStatus {
  SUBMITTED, IN_REVIEW, APPROVED, SCHEDULED, DEPLOYING, VALIDATING,
  COMPLETED, REJECTED, CANCELLED, ROLLING_BACK, ROLLED_BACK, FAILED;

  public boolean isFinal() {
    return this == COMPLETED || this == REJECTED || this == CANCELLED || this == ROLLED_BACK || this == FAILED;
  }
}
