package io.changegate.change;

/**
 * Published by {@link ChangeService#transition} in the transaction that moved the change: capabilities that follow a
 * change's end (the 72-hour feedback after {@code COMPLETED}) listen to it instead of the change core calling them.
 */
public record ChangeStatusChanged(String changeId, ChangeStatus status, boolean dryRun) {}
