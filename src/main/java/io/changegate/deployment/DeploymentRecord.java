package io.changegate.deployment;

import java.time.Instant;

/** One target deployment of a change, as shown in {@code GET /api/changes/{id}}. */
public record DeploymentRecord(
    String target,
    String adapter,
    String environment,
    String version,
    String digest,
    String result,
    boolean dryRun,
    String detail,
    Instant deployedAt) {}
