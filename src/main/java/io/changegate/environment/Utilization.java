package io.changegate.environment;

import java.time.Instant;
import java.util.List;

/**
 * How an environment is used: its last deployment, the deployments of the last 30 days, its open changes, how long it
 * has been idle, and whether it is a candidate for decommissioning (a non-production environment idle for
 * {@code changegate.environments.idle-days} or more).
 */
public record Utilization(String environment, String ownerGroup, Instant lastDeployment, long deploymentsLast30Days,
    int capacity, List<String> openChanges, long idleDays, boolean idle, String proposal) {}
