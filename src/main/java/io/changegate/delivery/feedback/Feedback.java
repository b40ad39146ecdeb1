package io.changegate.delivery.feedback;

import java.time.Instant;
import java.util.List;

/**
 * The feedback of a completed change: the survey ({@code status} {@code OPEN} until answered — {@code ANSWERED} — or
 * the window ends — {@code EXPIRED}), who answered with which rating (1–5) and comment, the improvement actions it
 * recorded, and the service's usage over the window ({@code usage}, null until measured).
 */
public record Feedback(String changeId, String status, Instant startedAt, Instant dueAt, String answeredBy,
    Instant answeredAt, Integer rating, String comment, Instant expiredAt, List<String> actions, Usage usage) {

  /** The usage figure: the query, its value (null: no data), where it came from and when it was measured. */
  public record Usage(String query, Double value, String source, Instant measuredAt) {}

  public enum Status { OPEN, ANSWERED, EXPIRED }
}
