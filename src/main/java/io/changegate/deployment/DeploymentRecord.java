package io.changegate.deployment;

import java.time.Instant;

/**
 * One call to a deployment system for a change, as shown in {@code GET /api/changes/{id}}: a deploy or
 * migration of a target, or its rollback ({@code kind}), with its result, its rollout state and what ran
 * before.
 */
public record DeploymentRecord(
    String target,
    String adapter,
    String environment,
    String version,
    String digest,
    String result,
    boolean dryRun,
    String detail,
    Instant deployedAt,
    String kind,
    String rollout,
    String previousVersion) {}
