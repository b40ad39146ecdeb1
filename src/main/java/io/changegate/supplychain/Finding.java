package io.changegate.supplychain;

/** One finding of a scan: how bad, what kind, which rule or vulnerability, what it says, where. */
public record Finding(Severity severity, FindingCategory category, String ruleId, String message, String location) {}
