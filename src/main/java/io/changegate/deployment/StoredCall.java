package io.changegate.deployment;

import java.time.Instant;

/** A row of {@code changegate_deployment} with everything a retry, a rollback or the evidence needs. */
public record StoredCall(
    String idempotencyKey,
    String changeId,
    String kind,
    int targetIndex,
    String target,
    String adapter,
    String service,
    String environment,
    String version,
    String digest,
    String result,
    boolean dryRun,
    String detail,
    Release previous,
    String externalRef,
    String rollout,
    String output,
    Instant deployedAt,
    Instant updatedAt) {

  public static final String CALLING = "CALLING";
  public static final String DEPLOYED = "DEPLOYED";
  public static final String ALREADY_RUNNING = "ALREADY_RUNNING";
  public static final String DRY_RUN = "DRY_RUN";
  public static final String REFUSED = "REFUSED";
  public static final String ROLLED_BACK = "ROLLED_BACK";
  public static final String ALREADY_RESTORED = "ALREADY_RESTORED";

  /** The call changed the target (or may have: a crash left it CALLING), so a rollback must undo it. */
  public boolean changedTheTarget() {
    return DEPLOYED.equals(result) || CALLING.equals(result) || DRY_RUN.equals(result);
  }

  public boolean finished() {
    return !CALLING.equals(result);
  }
}
