package io.changegate.dossier.api;

import io.changegate.change.Change;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import java.time.Instant;

/**
 * One line of {@code GET /api/changes}; {@code governanceOverridden}: someone skipped its approval or altered its
 * flow by hand (docs/administrator-interventions.md).
 */
public record ChangeSummary(String id, String title, String service, String environment, ChangeStatus status,
    ChangeType type, String requester, Instant createdAt, Instant updatedAt, boolean governanceOverridden) {

  static ChangeSummary of(Change c, boolean governanceOverridden) {
    return new ChangeSummary(c.id(), c.title(), c.service(), c.environment(), c.status(), c.type(), c.requester(),
        c.createdAt(), c.updatedAt(), governanceOverridden);
  }
}
