package io.changegate.rollback.incident;

/** What an incident says: the change, why, how bad; the key makes a retried call open nothing twice. */
public record IncidentReport(String changeId, String idempotencyKey, String kind, String severity, String title,
    String description, String service, String environment, boolean dryRun) {}
