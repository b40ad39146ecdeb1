package io.changegate.deployment;

/** One target of a change as the process shows it: its name, whether it has a migration. */
public record TargetStep(String name, boolean migrationDeclared) {}
