package io.changegate.approval;

/** The decision values every approval, review and sign-off task completes with (docs/names.md). */
public enum Decision {
  APPROVE, REJECT, REQUEST_CHANGES
}
