package io.changegate.refresh;

/**
 * Copies the data of the source environment (production) into the target. One adapter is active
 * ({@code changegate.refresh.adapter}): {@code command} or {@code sandbox}. A copy that could not be started or did
 * not end in time throws (the engine retries, then raises an incident); one that ran and failed says so.
 */
public interface CopyPort {

  /** The adapter's name, as the evidence records it. */
  String name();

  /** Whether the adapter only simulates (the sandbox: demo profile only). */
  boolean simulated();

  StepOutcome copy(RefreshOrder order);
}
