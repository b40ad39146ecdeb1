package io.changegate.deployment;

import io.changegate.outbound.CallOutcome;
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

  /**
   * The result column of a call of {@code kind} (see {@link DeploymentRecords}) that this attempt ended as
   * {@code outcome}; a call finished by an earlier attempt keeps the result that attempt wrote.
   */
  public static String resultOf(String kind, CallOutcome outcome) {
    boolean rollback = DeploymentRecords.KIND_ROLLBACK.equals(kind)
        || DeploymentRecords.KIND_MIGRATION_ROLLBACK.equals(kind);
    return switch (outcome) {
      case CALLED, CALLED_EARLIER -> rollback ? ROLLED_BACK : DEPLOYED;
      case ALREADY_THERE -> rollback ? ALREADY_RESTORED : ALREADY_RUNNING;
      case DRY_RUN -> DRY_RUN;
      case REFUSED -> REFUSED;
      case FINISHED_EARLIER, REFUSED_EARLIER ->
          throw new IllegalArgumentException(outcome + ": the result was written by an earlier attempt");
    };
  }
}
