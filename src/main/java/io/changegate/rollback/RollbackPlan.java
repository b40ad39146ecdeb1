package io.changegate.rollback;

/**
 * What the rollback will do: how many targets it rolls back (last deployed first), whether it is a dry run, and
 * how often a rollback rollout is asked for (ISO-8601).
 */
public record RollbackPlan(int targetCount, boolean dryRun, String rolloutPollInterval) {}
