package io.changegate.rollback;

/** What the rollback will do: how many targets it rolls back (last deployed first), and whether it is a dry run. */
public record RollbackPlan(int targetCount, boolean dryRun) {}
