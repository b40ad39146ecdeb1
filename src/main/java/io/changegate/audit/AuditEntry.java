package io.changegate.audit;

import java.time.Instant;

/** One link of the audit chain. {@code hash} = SHA-256 over the fields and {@code prevHash}. */
public record AuditEntry(
    long seq,
    Instant occurredAt,
    String actor,
    String action,
    String changeId,
    String details,
    String prevHash,
    String hash) {}
