package io.changegate.refresh.process;

import io.changegate.engine.ProcessVariable;

/** Variables of the refresh steps of {@code standard-change}, declared once. */
public final class RefreshProcess {

  /** Whether the refresh's verification query found no unmasked record (gateway "No unmasked record?"). */
  public static final ProcessVariable<Boolean> REFRESH_VERIFIED = ProcessVariable.of("refreshVerified", Boolean.class);

  private RefreshProcess() {}
}
