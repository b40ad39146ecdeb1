package io.changegate.rollback;

import io.changegate.audit.AuditEntry;
import io.changegate.change.Change;
import io.changegate.monitoring.MetricsPort;
import io.changegate.monitoring.MetricsSnapshot;
import io.changegate.monitoring.ValidationRequest;
import io.changegate.rollback.logs.LogProperties;
import io.changegate.rollback.logs.LogSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The monitoring's view of a rollback, for its evidence: a metrics snapshot (the validation's metrics as range
 * queries from {@link #METRICS_BEFORE} before the deployment started until now, at most {@link #MAX_POINTS} points per
 * series) and the last lines of the service's logs from the configured {@link LogSource}. A system that cannot be
 * asked does not hold the rollback up: the item then says why it is missing, and is hashed like the rest.
 */
@Component
public class Forensics {

  /** How far before the deployment's start the metrics snapshot begins. */
  static final Duration METRICS_BEFORE = Duration.ofMinutes(15);
  static final int MAX_POINTS = 250;
  private static final Set<String> DEPLOYMENT_STARTS = Set.of("DEPLOYMENT_PLANNED", "DEPLOYING", "DEPLOYED");
  private static final Logger LOG = LoggerFactory.getLogger(Forensics.class);

  private final MetricsPort metrics;
  private final LogSource logs;
  private final LogProperties logSettings;
  private final Clock clock;

  public Forensics(MetricsPort metrics, LogSource logs, LogProperties logSettings, Clock clock) {
    this.metrics = metrics;
    this.logs = logs;
    this.logSettings = logSettings;
    this.clock = clock;
  }

  /** {@code metrics-snapshot.json}: the snapshot, or why there is none. */
  public Object metricsSnapshot(Change change, List<AuditEntry> timeline) {
    Instant to = clock.instant();
    Instant started = timeline.stream().filter(e -> DEPLOYMENT_STARTS.contains(e.action()))
        .map(AuditEntry::occurredAt).findFirst().orElse(change.createdAt());
    Instant from = started.minus(METRICS_BEFORE);
    Duration step = Duration.ofSeconds(Math.max(15, Duration.between(from, to).toSeconds() / MAX_POINTS));
    String version = change.artifact() == null ? null : change.artifact().version();
    try {
      MetricsSnapshot snapshot = metrics.snapshot(new ValidationRequest(change.id(), change.service(),
          change.environment(), version, change.validation()), from, to, step);
      return snapshot;
    } catch (RuntimeException e) {
      LOG.warn("Metrics snapshot of {} not collected: {}", change.id(), e.toString());
      return notCollected(e, from, to);
    }
  }

  /** The name of the log item: {@code logs/<service>.log}. */
  public String logItemName(Change change) {
    return "logs/" + change.service() + ".log";
  }

  /** The last lines of the service's logs before now, oldest first, under a header naming their source. */
  public String lastLogLines(Change change) {
    Instant to = clock.instant();
    Instant from = to.minus(logSettings.lookBehind());
    StringBuilder text = new StringBuilder();
    text.append("# source: ").append(safe(() -> logs.describe(change.service(), change.environment())))
        .append("\n# from ").append(from).append(" to ").append(to).append(", the last ").append(logSettings.lines())
        .append(" lines\n");
    try {
      List<String> lines = logs.lastLines(change.service(), change.environment(), from, to, logSettings.lines());
      lines.forEach(line -> text.append(line).append('\n'));
      if (lines.isEmpty()) {
        text.append("# no lines\n");
      }
    } catch (RuntimeException e) {
      LOG.warn("Logs of {} not collected: {}", change.id(), e.toString());
      text.append("# not collected: ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage())
          .append('\n');
    }
    return text.toString();
  }

  private static Map<String, Object> notCollected(RuntimeException e, Instant from, Instant to) {
    Map<String, Object> missing = new LinkedHashMap<>();
    missing.put("notCollected", e.getClass().getSimpleName() + ": " + e.getMessage());
    missing.put("from", from.toString());
    missing.put("to", to.toString());
    return missing;
  }

  private static String safe(java.util.function.Supplier<String> text) {
    try {
      return text.get();
    } catch (RuntimeException e) {
      return "(" + e.getMessage() + ")";
    }
  }
}
