package io.changegate.delivery;

import java.time.Instant;

/**
 * One deployment as delivery metrics see it: a change that went to deployment (its first non-dry-run deploy call,
 * {@code deployedAt}), with what lead time counts from ({@code commitTime} from the pipeline, else {@code createdAt})
 * and the signals of failure: its status, when it was rolled back, when the first incident linked to it was opened.
 */
public record Deployment(
    String changeId,
    String service,
    String team,
    String environment,
    boolean emergency,
    Instant createdAt,
    Instant commitTime,
    Instant deployedAt,
    String status,
    Instant rolledBackAt,
    Instant incidentAt) {

  /** Rolled back, rolling back, or failed after its deployment started. */
  boolean rolledBack() {
    return rolledBackAt != null || "ROLLED_BACK".equals(status) || "ROLLING_BACK".equals(status);
  }

  boolean failed() {
    return "FAILED".equals(status);
  }

  /** Oldest first: by the first deploy call, then by change id (the order the figures and the raw rows use). */
  public static final java.util.Comparator<Deployment> OLDEST_FIRST = (a, b) -> {
    int byTime = a.deployedAt.compareTo(b.deployedAt);
    return byTime != 0 ? byTime : a.changeId.compareTo(b.changeId);
  };

  /** Where lead time starts: the commit when the pipeline sent one, else the change's creation. */
  Instant leadTimeStart() {
    return commitTime != null ? commitTime : createdAt;
  }
}
