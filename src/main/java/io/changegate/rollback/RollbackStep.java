package io.changegate.rollback;

/**
 * One target to roll back: its name and how its database migration is undone (NONE, ADAPTER, or
 * CHECKPOINT: restored by hand by operations, following the note).
 */
public record RollbackStep(String target, String migrationUndo, String checkpointNote) {}
