package io.changegate.deployment;

/** Where a rollout stands, as the deployment system reports it. */
public enum RolloutState {
  IN_PROGRESS, HEALTHY, DEGRADED, FAILED
}
