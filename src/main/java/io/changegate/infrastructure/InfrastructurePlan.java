package io.changegate.infrastructure;

import java.time.Instant;

/** The infrastructure plan of a change as stored: the text as sent, its SHA-256 and its summary. */
public record InfrastructurePlan(String changeId, PlanFormat format, String sha256, String content,
    PlanSummary summary, String attachedBy, Instant attachedAt) {}
