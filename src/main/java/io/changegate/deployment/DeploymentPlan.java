package io.changegate.deployment;

/**
 * The deployment of a change as planned before the first call: whether promotion allows it (with a
 * reason the requester can read when not), how many targets, whether their rollouts may overlap, and how often
 * the process looks at a rollout's progress and for a free slot (ISO-8601 durations, for its timers).
 */
public record DeploymentPlan(boolean promotionAllowed, String refusal, int targetCount, boolean targetsIndependent,
    String environment, String rolloutPollInterval, String slotPollInterval) {}
