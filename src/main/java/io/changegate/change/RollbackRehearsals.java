package io.changegate.change;

/**
 * The rollback rehearsal a change's sign-offs rely on, as approvers read it on their forms. The rollback capability
 * implements it; the change core names no other capability.
 */
public interface RollbackRehearsals {

  /**
   * What the sign-off form shows: whether a rehearsal is required (a HIGH-risk change to production), and the
   * rehearsal found (its staging change, time to restore, data consistency) or why none counts.
   */
  String describe(String changeId);
}
