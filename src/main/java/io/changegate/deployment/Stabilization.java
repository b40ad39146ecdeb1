package io.changegate.deployment;

/** Where the stabilization period stands: done, or when it ends and when to validate again (ISO-8601). */
public record Stabilization(boolean stabilized, String endsAt, String nextValidationIn) {}
