package io.changegate.deployment;

import java.util.Optional;

/**
 * A deployment system (sandbox, Argo CD, Jenkins, a webhook, a command). Implementations must be
 * idempotent for a given {@link DeploymentOrder#idempotencyKey()}, must never log or return credentials,
 * and in {@link DeploymentOrder#dryRun()} must change nothing and describe what they would do.
 */
public interface DeploymentPort {

  /** The adapter name a change's target refers to ({@code targets[].adapter}). */
  String adapter();

  /** What the target runs in the environment now, asked before every deploy. */
  Optional<Release> currentRelease(String target, String environment);

  DeploymentOutcome deploy(DeploymentOrder order);

  /** Progress of a rollout started by {@link #deploy}; polled until it is no longer in progress. */
  RolloutState rolloutState(DeploymentOrder order);

  /** Puts {@code previous} back in place of what {@code order} deployed. */
  DeploymentOutcome rollback(DeploymentOrder order, Release previous);
}
