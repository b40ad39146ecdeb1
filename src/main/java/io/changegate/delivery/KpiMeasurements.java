package io.changegate.delivery;

import io.changegate.jdbc.Columns;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.monitoring.MetricsPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * KPIs measured by Changegate itself. A KPI with PromQL ({@code PUT /api/changes/{id}/outcomes}) of a deployed change
 * gets two measurements: {@code BEFORE}, evaluated at the instant of the change's first deployment (Prometheus'
 * {@code time} parameter, so the value is the one just before the new version ran, however soon the timer comes), and
 * {@code AFTER}, evaluated {@code changegate.delivery.kpi.after-delay} (72 h) later, once that time has come. A timer
 * ({@code poll-interval}) plans and takes the due measurements through the active {@link MetricsPort}; no thread
 * waits for 72 hours, and a restart loses nothing (the plan is in {@code changegate_kpi_measurement}). A measured
 * value becomes the KPI's {@code before}/{@code after} (a value posted later replaces it) and is audited
 * ({@code KPI_MEASURED}); a monitoring system that cannot answer is tried again up to {@code attempts} times.
 */
@Service
public class KpiMeasurements implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KpiMeasurements.class);
  static final String SYSTEM = "changegate";
  private static final int BATCH = 50;

  private final JdbcClient jdbc;
  private final MetricsPort metrics;
  private final AuditTrail audit;
  private final KpiMeasurementProperties settings;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private ScheduledExecutorService executor;

  public KpiMeasurements(JdbcClient jdbc, MetricsPort metrics, AuditTrail audit, KpiMeasurementProperties settings,
      TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.metrics = metrics;
    this.audit = audit;
    this.settings = settings;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** One planned or taken measurement of a KPI. */
  public record Measurement(String phase, Instant dueAt, Instant measuredAt, Double value, String source,
      String error, int attempts) {}

  /** Plans the measurements of newly deployed KPIs and takes those that are due; how many were taken. */
  public int run() {
    plan();
    List<Due> due = jdbc.sql("""
            SELECT m.change_id, m.name, m.phase, m.due_at, m.attempts, k.promql
            FROM changegate_kpi_measurement m
            JOIN changegate_change_kpi k ON k.change_id = m.change_id AND k.name = m.name
            WHERE m.measured_at IS NULL AND m.due_at <= ? AND k.promql IS NOT NULL
            ORDER BY m.due_at, m.change_id, m.name, m.phase""")
        .param(utc(clock.instant())).query(KpiMeasurements::due).list();
    int taken = 0;
    for (Due one : due.subList(0, Math.min(BATCH, due.size()))) {
      if (Boolean.TRUE.equals(transactions.execute(status -> take(one)))) {
        taken++;
      }
    }
    return taken;
  }

  /** The measurements of a change's KPIs by name. */
  public Map<String, List<Measurement>> of(List<String> changeIds) {
    Map<String, List<Measurement>> result = new java.util.HashMap<>();
    for (int i = 0; i < changeIds.size(); i += 500) {
      jdbc.sql("SELECT * FROM changegate_kpi_measurement WHERE change_id IN (:ids) ORDER BY change_id, name, phase DESC")
          .param("ids", changeIds.subList(i, Math.min(changeIds.size(), i + 500)))
          .query(rs -> {
            result.computeIfAbsent(rs.getString("change_id") + "\n" + rs.getString("name"), k -> new java.util.ArrayList<>())
                .add(new Measurement(rs.getString("phase"), Columns.instant(rs, "due_at"), Columns.instant(rs, "measured_at"),
                    (Double) rs.getObject("measured_value", Double.class), rs.getString("source"),
                    rs.getString("error"), rs.getInt("attempts")));
          });
    }
    return result;
  }

  /** A BEFORE (at the first deployment) and an AFTER (after-delay later) for every deployed KPI with PromQL. */
  private void plan() {
    List<Object[]> unplanned = jdbc.sql("""
            SELECT k.change_id, k.name, c.first_deployed_at AS deployed_at
            FROM changegate_change_kpi k JOIN changegate_change c ON c.id = k.change_id
            WHERE k.promql IS NOT NULL AND NOT EXISTS (SELECT 1 FROM changegate_kpi_measurement m
              WHERE m.change_id = k.change_id AND m.name = k.name AND m.phase = 'BEFORE')""")
        .query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2), Columns.instant(rs, "deployed_at")}).list();
    for (Object[] kpi : unplanned) {
      Instant deployed = (Instant) kpi[2];
      if (deployed == null) {
        continue; // not deployed yet: planned once it is
      }
      try {
        transactions.executeWithoutResult(status -> {
          insert(kpi[0], kpi[1], "BEFORE", deployed);
          insert(kpi[0], kpi[1], "AFTER", deployed.plus(settings.afterDelay()));
        });
      } catch (org.springframework.dao.DuplicateKeyException e) {
        // another node planned it first
      }
    }
  }

  private void insert(Object changeId, Object name, String phase, Instant due) {
    jdbc.sql("""
            INSERT INTO changegate_kpi_measurement (change_id, name, phase, due_at, attempts) VALUES (?, ?, ?, ?, 0)""")
        .params(changeId, name, phase, utc(due)).update();
  }

  private record Due(String changeId, String name, String phase, Instant dueAt, int attempts, String promql) {}

  private static Due due(ResultSet rs, int row) throws SQLException {
    return new Due(rs.getString("change_id"), rs.getString("name"), rs.getString("phase"), Columns.instant(rs, "due_at"),
        rs.getInt("attempts"), rs.getString("promql"));
  }

  private boolean take(Due due) {
    // claimed by raising the attempt count from what was read: a second node that read the same row updates nothing
    int claimed = jdbc.sql("""
            UPDATE changegate_kpi_measurement SET attempts = ? WHERE change_id = ? AND name = ? AND phase = ?
              AND attempts = ? AND measured_at IS NULL""")
        .params(due.attempts() + 1, due.changeId(), due.name(), due.phase(), due.attempts()).update();
    if (claimed == 0) {
      return false;
    }
    Instant now = clock.instant();
    MetricsPort.Reading reading;
    try {
      reading = metrics.read(due.promql(), due.dueAt());
    } catch (RuntimeException e) {
      String error = cut(e.getMessage() == null ? e.toString() : e.getMessage(), 1000);
      boolean last = due.attempts() + 1 >= settings.attempts();
      jdbc.sql("UPDATE changegate_kpi_measurement SET error = ?, measured_at = ? WHERE change_id = ? AND name = ? "
              + "AND phase = ?")
          .params(error, last ? utc(now) : null, due.changeId(), due.name(), due.phase()).update();
      if (last) {
        audit.record(SYSTEM, AuditAction.KPI_MEASURED, due.changeId(), details(due, null, null, error));
      }
      log.warn("KPI {} of {} ({}) not measured: {}", due.name(), due.changeId(), due.phase(), error);
      return last;
    }
    jdbc.sql("""
            UPDATE changegate_kpi_measurement SET measured_at = ?, measured_value = ?, source = ?, error = ?
            WHERE change_id = ? AND name = ? AND phase = ?""")
        .params(utc(now), reading.value(), cut(reading.source(), 2100), reading.value() == null ? "no data" : null,
            due.changeId(), due.name(), due.phase())
        .update();
    if (reading.value() != null) {
      jdbc.sql("UPDATE changegate_change_kpi SET " + ("BEFORE".equals(due.phase()) ? "before_value" : "after_value")
              + " = ?, updated_by = ?, updated_at = ? WHERE change_id = ? AND name = ?")
          .params(reading.value(), SYSTEM, utc(now), due.changeId(), due.name()).update();
    }
    audit.record(SYSTEM, AuditAction.KPI_MEASURED, due.changeId(), details(due, reading.value(), reading.source(),
        reading.value() == null ? "no data" : null));
    return true;
  }

  private static Map<String, Object> details(Due due, Double value, String source, String error) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kpi", due.name());
    details.put("phase", due.phase());
    details.put("at", due.dueAt().toString());
    details.put("value", value);
    details.put("source", source);
    details.put("error", error);
    return details;
  }

  @Override
  public void start() {
    long every = settings.pollInterval().toMillis();
    if (every <= 0) {
      return;
    }
    executor = Periodic.start("changegate-kpi-measurements", every, every, this::run,
        e -> log.warn("KPI measurements not taken: {}", e.toString()));
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
