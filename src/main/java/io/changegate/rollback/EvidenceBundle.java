package io.changegate.rollback;

import java.time.Instant;
import java.util.List;

/** The forensic evidence of a change, preserved before its rollback; {@code GET /api/changes/{id}/evidence}. */
public record EvidenceBundle(String bundleId, String changeId, Instant collectedAt, List<EvidenceItem> items) {}
