package io.changegate.rollback.incident;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Incidents of changes: opened through the configured {@link IncidentPort} at most once per key, and the
 * link stored on the change ({@code changegate_incident}) and in its audit trail.
 */
@Service
public class Incidents {

  /** An incident linked to a change. */
  public record Linked(String kind, String system, String reference, String url, String summary, Instant openedAt) {}

  private final Map<String, IncidentPort> ports = new TreeMap<>();
  private final IncidentPort port;
  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final Clock clock;

  public Incidents(List<IncidentPort> adapters, IncidentProperties properties, JdbcClient jdbc, AuditTrail audit,
      Clock clock) {
    this.clock = clock;
    adapters.forEach(a -> ports.put(a.adapter(), a));
    this.port = ports.get(properties.adapter());
    if (port == null) {
      throw new IllegalStateException("changegate.incident.adapter '" + properties.adapter()
          + "' is not one of the configured incident adapters " + ports.keySet());
    }
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** Opens the incident unless this key was recorded before; returns the link either way. */
  public Linked open(IncidentReport report) {
    Optional<Linked> known = find(report.idempotencyKey());
    if (known.isPresent()) {
      return known.get();
    }
    IncidentLink link = port.open(report);
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    jdbc.sql("""
            INSERT INTO changegate_incident (idempotency_key, change_id, kind, system, reference, url, summary, opened_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(report.idempotencyKey(), report.changeId(), report.kind(), link.system(), link.reference(), link.url(),
            report.title(), now)
        .update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("kind", report.kind());
    details.put("severity", report.severity());
    details.put("system", link.system());
    details.put("reference", link.reference());
    details.put("url", link.url());
    details.put("dryRun", report.dryRun());
    audit.record("changegate", AuditAction.INCIDENT_OPENED, report.changeId(), details);
    return new Linked(report.kind(), link.system(), link.reference(), link.url(), report.title(), now.toInstant());
  }

  /**
   * Links an incident the ITSM tool already holds to the change (kind {@code LINKED}), once per system and reference:
   * {@code openedAt} is when the tool says it was opened. True when it was linked now, false when it was before.
   */
  public boolean link(String changeId, IncidentLink link, String summary, Instant openedAt, String actor) {
    String key = changeId + ":LINKED:" + link.system() + ":" + link.reference();
    if (find(key).isPresent()) {
      return false;
    }
    jdbc.sql("""
            INSERT INTO changegate_incident (idempotency_key, change_id, kind, system, reference, url, summary, opened_at,
              linked_by)
            VALUES (?, ?, 'LINKED', ?, ?, ?, ?, ?, ?)""")
        .params(key, changeId, link.system(), link.reference(), link.url(), summary, openedAt.atOffset(ZoneOffset.UTC),
            actor)
        .update();
    return true;
  }

  public List<Linked> ofChange(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_incident WHERE change_id = ? ORDER BY opened_at")
        .param(changeId).query((rs, n) -> new Linked(rs.getString("kind"), rs.getString("system"),
            rs.getString("reference"), rs.getString("url"), rs.getString("summary"),
            rs.getObject("opened_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private Optional<Linked> find(String key) {
    return jdbc.sql("SELECT * FROM changegate_incident WHERE idempotency_key = ?").param(key)
        .query((rs, n) -> new Linked(rs.getString("kind"), rs.getString("system"), rs.getString("reference"),
            rs.getString("url"), rs.getString("summary"), rs.getObject("opened_at", OffsetDateTime.class).toInstant()))
        .optional();
  }
}
