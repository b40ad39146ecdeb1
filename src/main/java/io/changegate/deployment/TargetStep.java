package io.changegate.deployment;

/** One target of a change as the process shows it: its name, its adapter, whether it has a migration. */
public record TargetStep(String name, String adapter, boolean migrationDeclared) {}
