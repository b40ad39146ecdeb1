package io.changegate.delivery;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An action a postmortem or post-implementation review decided: tracked with an owner, a due date and a status
 * ({@code OPEN}, {@code IN_PROGRESS}, {@code DONE}, {@code DROPPED}), linked to its change; {@code amends} names what
 * it changes ({@code template:<id>} for a standard-change template, {@code runbook:<change id>} for a runbook
 * checklist), when it does.
 */
public record ImprovementAction(String id, String changeId, String title, String owner, LocalDate dueDate,
    String status, String source, String amends, String createdBy, Instant createdAt, Instant updatedAt,
    Instant closedAt) {

  public enum Status { OPEN, IN_PROGRESS, DONE, DROPPED;
    boolean closed() {
      return this == DONE || this == DROPPED;
    }
  }

  public enum Source { POSTMORTEM, POST_IMPLEMENTATION_REVIEW, CHANGE_FEEDBACK, OTHER }
}
