package io.changegate.monitoring;

import io.changegate.change.ValidationSpec;

/** What to validate after a deployment: the service in its environment, at the deployed version. */
public record ValidationRequest(String changeId, String service, String environment, String version,
    ValidationSpec criteria) {}
