package io.changegate.rollback;

/**
 * What the rollback will do: how many targets it rolls back (last deployed first), whether it is a dry run, how often
 * a rollback rollout is asked for (ISO-8601), whether it is a rehearsal (rolled back on purpose: no postmortem), and
 * how many stateful components of the runbook operations restore by hand (none for a dry run).
 */
public record RollbackPlan(int targetCount, boolean dryRun, String rolloutPollInterval, boolean rehearsal,
    int statefulCount) {

  public RollbackPlan(int targetCount, boolean dryRun, String rolloutPollInterval) {
    this(targetCount, dryRun, rolloutPollInterval, false, 0);
  }

  public RollbackPlan with(boolean rehearsal, int statefulCount) {
    return new RollbackPlan(targetCount, dryRun, rolloutPollInterval, rehearsal, dryRun ? 0 : statefulCount);
  }
}
