package io.changegate.drift;

import java.time.Instant;

/**
 * An unauthorized change: a target runs something other than what Changegate last deployed there.
 *
 * @param expectedChange the change whose deployment the target should still run
 * @param evidence what the deployment system answered (JSON text): what runs, its history, the adapter's settings
 * @param incidentReference the incident opened for it
 */
public record DriftFinding(String id, String environment, String target, String adapter, String expectedChange,
    String expectedVersion, String expectedDigest, String actualVersion, String actualDigest, String evidence,
    String ownerGroup, String incidentReference, Instant detectedAt) {}
