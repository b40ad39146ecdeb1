package io.changegate.monitoring;

/** One check of a validation round, with what was measured and the threshold it was held against. */
public record CheckResult(String check, boolean passed, String measured, String threshold, String source) {}
