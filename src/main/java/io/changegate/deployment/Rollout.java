package io.changegate.deployment;

/** Where a rollout stands, with what the deployment system said (kept as evidence). */
public record Rollout(RolloutState state, String detail) {

  public static Rollout of(RolloutState state, String detail) {
    return new Rollout(state, detail);
  }
}
