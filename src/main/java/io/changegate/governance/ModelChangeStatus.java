package io.changegate.governance;

/** Where a model change stands. */
public enum ModelChangeStatus {
  /** Deployed under proposal keys; the automatic checks have not run yet. */
  PROPOSED,
  /** The automatic checks found errors: nobody was asked, nothing is activated. */
  CHECKS_FAILED,
  /** Every file equals its approved version: nothing to activate. */
  UNCHANGED,
  /** The checks passed; waiting for a second process owner, then security. */
  IN_REVIEW,
  /** A reviewer rejected it: it never runs. */
  REJECTED,
  /** Deployed under the real keys: governs every change from now on. */
  ACTIVATED,
  /** Approved, but another version of one of its models was activated first: not activated, propose again. */
  OUTDATED;

  public boolean isFinal() {
    return this != PROPOSED && this != IN_REVIEW;
  }
}
