package io.changegate.deployment;

import java.util.Map;
import java.util.Optional;

/**
 * A deployment system (sandbox, Argo CD, Jenkins, a webhook, a command). Implementations must be
 * idempotent for a given {@link DeploymentOrder#idempotencyKey()}, must never log or return credentials
 * (they read them from configuration at call time), and in {@link DeploymentOrder#dryRun()} must change
 * nothing and describe what they would do.
 */
public interface DeploymentPort {

  /** The adapter name a change's target refers to ({@code targets[].adapter}). */
  String adapter();

  /** Whether the adapter only simulates deployments (the sandbox): demo profile only, earns no real promotion. */
  default boolean simulator() {
    return false;
  }

  /**
   * What the target runs in the environment now, or is already rolling out: asked before every deploy, so
   * that a job re-executed after a crash does not deploy twice, and to remember what to roll back to.
   */
  Optional<Release> currentRelease(String target, String environment);

  /**
   * Whether {@link #currentRelease} can see what runs. When it cannot (a command adapter without a {@code current}
   * command, a webhook without a {@code release-url}), its empty answer means "unknown", not "nothing runs": a
   * rollback is then made, never skipped as already in place.
   */
  default boolean seesReleases() {
    return true;
  }

  DeploymentOutcome deploy(DeploymentOrder order);

  /**
   * Progress of a rollout started by {@link #deploy} or {@link #rollback} ({@code externalRef} is what that
   * call returned); polled by the process on a timer until it is no longer in progress.
   */
  Rollout rolloutState(DeploymentOrder order, String externalRef);

  /** Puts {@code previous} back in place of what {@code order} deployed. */
  DeploymentOutcome rollback(DeploymentOrder order, Release previous);

  /**
   * Switches the traffic to what {@code order} deployed once its pre-traffic checks passed (Argo Rollouts style:
   * a paused canary goes on). An adapter whose deploy already switched the traffic has nothing to promote.
   */
  default DeploymentOutcome promote(DeploymentOrder order) {
    return DeploymentOutcome.success("adapter " + adapter() + " has no separate traffic switch: its deploy already"
        + " took the traffic; nothing to promote", null);
  }

  /** The target's deployment history as the system reports it (forensic evidence before a rollback). */
  default String history(String target, String environment) {
    return "adapter " + adapter() + " keeps no deployment history for " + target + " in " + environment;
  }

  /** The adapter's settings for the evidence bundle: endpoints and names, never credentials. */
  default Map<String, Object> settings() {
    return Map.of("adapter", adapter());
  }
}
