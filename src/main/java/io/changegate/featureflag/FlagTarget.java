package io.changegate.featureflag;

/** The flag of a change: its key, and the service and environment the change deploys to. */
public record FlagTarget(String changeId, String flagKey, String service, String environment) {}
