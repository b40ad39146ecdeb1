package io.changegate.deployment;

/**
 * The deployment of a change as planned before the first call: whether promotion allows it (with a
 * reason the requester can read when not), how many targets and whether their rollouts may overlap.
 */
public record DeploymentPlan(boolean promotionAllowed, String refusal, int targetCount, boolean targetsIndependent) {}
