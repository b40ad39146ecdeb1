package io.changegate.delivery;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An action a postmortem or post-implementation review decided: tracked with an owner, a due date and a status
 * ({@code OPEN}, {@code IN_PROGRESS}, {@code DONE}, {@code DROPPED}), linked to its change; {@code amends} names what
 * it changes ({@code template:<id>} for a standard-change template, {@code runbook:<change id>} for a runbook
 * checklist), when it does. Closing it with an {@code amendment} applies it to a runbook ({@code amendmentStatus}
 * {@code APPLIED}) or proposes it for a template ({@code PROPOSED}, until a process owner decides: {@code ACCEPTED}
 * or {@code REJECTED}).
 */
public record ImprovementAction(String id, String changeId, String title, String owner, LocalDate dueDate,
    String status, String source, String amends, String createdBy, Instant createdAt, Instant updatedAt,
    Instant closedAt, String amendment, String amendmentStatus, String amendmentDecidedBy,
    Instant amendmentDecidedAt) {

  public enum Status { OPEN, IN_PROGRESS, DONE, DROPPED;
    public boolean closed() {
      return this == DONE || this == DROPPED;
    }
  }

  public enum Source { POSTMORTEM, POST_IMPLEMENTATION_REVIEW, CHANGE_FEEDBACK, OTHER }

  public boolean closed() {
    return Status.valueOf(status).closed();
  }

  public boolean overdue(LocalDate today) {
    return !closed() && dueDate != null && dueDate.isBefore(today);
  }
}
