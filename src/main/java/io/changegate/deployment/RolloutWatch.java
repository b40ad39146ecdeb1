package io.changegate.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The progress of the rollout a recorded call started (a deploy, a migration, a rollback), as its deployment
 * system reports it; a rollout still in progress {@code changegate.deployment.rollout-timeout} after its call has
 * failed. The record keeps the latest state.
 */
@Component
public class RolloutWatch {

  private final DeploymentAdapters adapters;
  private final DeploymentRecords records;
  private final DeploymentProperties properties;
  private final Clock clock;

  public RolloutWatch(DeploymentAdapters adapters, DeploymentRecords records, DeploymentProperties properties,
      Clock clock) {
    this.adapters = adapters;
    this.records = records;
    this.properties = properties;
    this.clock = clock;
  }

  /** Where the rollout of {@code call} stands, and whether that is news (its record held another state). */
  public record Progress(StoredCall call, Rollout rollout, boolean changed) {

    public RolloutState state() {
      return rollout.state();
    }
  }

  /**
   * The progress of the rollout started by the call of {@code order}'s idempotency key: FAILED when the system
   * refused the call, HEALTHY when the call started none (a dry run, a target found restored already).
   */
  public Progress check(DeploymentOrder order) {
    StoredCall call = records.find(order.idempotencyKey()).orElseThrow(() -> new IllegalStateException(
        "no call recorded for " + order.idempotencyKey() + "; the process asks for a rollout it never started"));
    if (StoredCall.REFUSED.equals(call.result())) {
      return new Progress(call, Rollout.of(RolloutState.FAILED, call.detail()), false);
    }
    if (call.dryRun() || StoredCall.ALREADY_RESTORED.equals(call.result())) {
      return new Progress(call, Rollout.of(RolloutState.HEALTHY, call.detail()), false);
    }
    Rollout reported = adapters.get(call.adapter()).rolloutState(order, call.externalRef());
    Rollout rollout = withTimeout(reported, call.deployedAt(), properties.rolloutTimeout(), clock.instant());
    boolean changed = !rollout.state().name().equals(call.rollout());
    if (changed) {
      records.updateRollout(call.idempotencyKey(), rollout.state(), rollout.detail());
    }
    return new Progress(call, rollout, changed);
  }

  /** {@code reported}, or FAILED when it is still in progress {@code timeout} after {@code startedAt}. */
  static Rollout withTimeout(Rollout reported, Instant startedAt, Duration timeout, Instant now) {
    if (reported.state() == RolloutState.IN_PROGRESS && startedAt.plus(timeout).isBefore(now)) {
      return Rollout.of(RolloutState.FAILED, "still in progress after " + timeout + ": " + reported.detail());
    }
    return reported;
  }
}
