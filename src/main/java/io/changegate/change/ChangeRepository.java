package io.changegate.change;

import io.changegate.jdbc.Sequences;

import io.changegate.jdbc.Columns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/** Changegate's change records ({@code changegate_change}), in the caller's transaction. */
@Repository
public class ChangeRepository {

  private static final TypeReference<List<Target>> TARGETS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final DataFieldMaxValueIncrementer ids;

  public ChangeRepository(JdbcClient jdbc, ObjectMapper json, DataSource dataSource) {
    this.jdbc = jdbc;
    this.json = json;
    this.ids = Sequences.of(dataSource, "changegate_change_seq");
  }

  /** The next change id, {@code CHG-} followed by at least six digits. */
  public String nextId() {
    return "CHG-%06d".formatted(ids.nextLongValue());
  }

  public void insert(Change c) {
    jdbc.sql("""
            INSERT INTO changegate_change (id, title, description, service, environment, artifact_name,
              artifact_version, artifact_digest, impact, urgency, regulated, security_relevant, standard_template,
              emergency, emergency_justification, planned_start, planned_end, targets, rollback_plan,
              validation_spec, dry_run, requester, status, change_type, classification_reason, risk_level,
              created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(c.id(), c.title(), c.description(), c.service(), c.environment(),
            c.artifact() == null ? null : c.artifact().name(),
            c.artifact() == null ? null : c.artifact().version(),
            c.artifact() == null ? null : c.artifact().digest(),
            c.impact().name(), c.urgency().name(), c.regulated(), c.securityRelevant(),
            c.standardChangeTemplate(), c.emergency(), c.emergencyJustification(),
            utc(c.plannedStart()), utc(c.plannedEnd()), write(c.targets()), c.rollbackPlan(),
            c.validation() == null ? null : write(c.validation()), c.dryRun(), c.requester(),
            c.status().name(), c.type() == null ? null : c.type().name(), c.classificationReason(),
            c.riskLevel() == null ? null : c.riskLevel().name(), utc(c.createdAt()), utc(c.updatedAt()))
        .update();
  }

  public Optional<Change> find(String id) {
    return jdbc.sql("SELECT * FROM changegate_change WHERE id = ?").param(id).query(this::map).optional();
  }

  /** Locks the row for the rest of the transaction (status transitions read-check-write under it). */
  public Optional<Change> findForUpdate(String id) {
    return jdbc.sql("SELECT * FROM changegate_change WHERE id = ? FOR UPDATE").param(id).query(this::map).optional();
  }

  public List<Change> list(ChangeStatus status, String service, String environment, int limit) {
    return list(status, service, environment, null, limit);
  }

  /** As above; {@code governanceOverridden} (null: either) keeps changes whose governance was or was not overridden. */
  public List<Change> list(ChangeStatus status, String service, String environment, Boolean governanceOverridden,
      int limit) {
    return list(status, service, environment, governanceOverridden, null, null, limit);
  }

  /**
   * As above; {@code deployedFrom}/{@code deployedTo} (null: open) keep the changes deployed in {@code [from, to]}: a
   * deploy call of a target that was not a dry run ({@code changegate_deployment}, kind {@code DEPLOY}).
   */
  public List<Change> list(ChangeStatus status, String service, String environment, Boolean governanceOverridden,
      Instant deployedFrom, Instant deployedTo, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM changegate_change WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (deployedFrom != null || deployedTo != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM changegate_deployment d WHERE d.change_id = changegate_change.id"
          + " AND d.kind = 'DEPLOY' AND d.dry_run = FALSE");
      if (deployedFrom != null) {
        sql.append(" AND d.deployed_at >= ?");
        params.add(deployedFrom.atOffset(ZoneOffset.UTC));
      }
      if (deployedTo != null) {
        sql.append(" AND d.deployed_at <= ?");
        params.add(deployedTo.atOffset(ZoneOffset.UTC));
      }
      sql.append(")");
    }
    if (governanceOverridden != null) {
      sql.append(" AND governance_overridden = ?");
      params.add(governanceOverridden);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status.name());
    }
    if (service != null) {
      sql.append(" AND service = ?");
      params.add(service);
    }
    if (environment != null) {
      sql.append(" AND environment = ?");
      params.add(environment);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(limit);
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  /** Changes matching {@code query}, newest first. */
  public List<Change> search(ChangeQuery query) {
    StringBuilder sql = new StringBuilder("SELECT * FROM changegate_change WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (query.text() != null && query.text().strip().toUpperCase(java.util.Locale.ROOT).matches(ChangeIds.REGEX)) {
      sql.append(" AND id = ?"); // a change id: the primary key, not a scan of every title
      params.add(query.text().strip().toUpperCase(java.util.Locale.ROOT));
    } else if (query.text() != null && !query.text().isBlank()) {
      String text = query.text().strip();
      String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      sql.append(" AND (id = ? OR LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(service) LIKE ? ESCAPE '\\')");
      params.add(text.toUpperCase(java.util.Locale.ROOT));
      params.add(like);
      params.add(like);
    }
    if (query.service() != null) {
      sql.append(" AND service = ?");
      params.add(query.service());
    }
    if (query.environment() != null) {
      sql.append(" AND environment = ?");
      params.add(query.environment());
    }
    if (query.status() != null) {
      sql.append(" AND status = ?");
      params.add(query.status().name());
    }
    if (query.requester() != null) {
      sql.append(" AND requester = ?");
      params.add(query.requester());
    }
    if (query.from() != null) {
      sql.append(" AND created_at >= ?");
      params.add(utc(query.from()));
    }
    if (query.to() != null) {
      sql.append(" AND created_at < ?");
      params.add(utc(query.to()));
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(Math.max(1, Math.min(query.limit(), 500)));
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  /**
   * Someone skipped the change's approval or altered its flow by hand (docs/administrator-interventions.md): the
   * mark stays for good.
   */
  public void markGovernanceOverridden(String id, Instant at) {
    jdbc.sql("UPDATE changegate_change SET governance_overridden = TRUE, updated_at = ? WHERE id = ?")
        .params(utc(at), id).update();
  }

  public boolean isGovernanceOverridden(String id) {
    return jdbc.sql("SELECT governance_overridden FROM changegate_change WHERE id = ?").param(id)
        .query(Boolean.class).optional().orElse(false);
  }

  /** Of these changes, those whose governance was overridden. */
  public Set<String> governanceOverriddenAmong(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.sql("SELECT id FROM changegate_change WHERE governance_overridden = TRUE AND id IN (:ids)")
        .param("ids", ids).query(String.class).list());
  }

  public void updateStatus(String id, ChangeStatus status, Instant at) {
    jdbc.sql("UPDATE changegate_change SET status = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), utc(at), id).update();
  }

  public void updatePlannedSlot(String id, Instant plannedStart, Instant plannedEnd, Instant at) {
    jdbc.sql("UPDATE changegate_change SET planned_start = ?, planned_end = ?, updated_at = ? WHERE id = ?")
        .params(utc(plannedStart), utc(plannedEnd), utc(at), id).update();
  }

  public void updateAmendment(String id, String description, String rollbackPlan, Instant at) {
    jdbc.sql("UPDATE changegate_change SET description = ?, rollback_plan = ?, updated_at = ? WHERE id = ?")
        .params(description, rollbackPlan, utc(at), id).update();
  }

  public void updateClassification(String id, ChangeType type, String reason, ChangeStatus status, Instant at) {
    jdbc.sql("UPDATE changegate_change SET change_type = ?, classification_reason = ?, status = ?, updated_at = ? WHERE id = ?")
        .params(type.name(), reason, status.name(), utc(at), id).update();
  }

  /** The risk level the FMEA review decided (decision fmea-risk-level). */
  public void updateRiskLevel(String id, Level riskLevel, Instant at) {
    jdbc.sql("UPDATE changegate_change SET risk_level = ?, updated_at = ? WHERE id = ?")
        .params(riskLevel.name(), utc(at), id).update();
  }

  private Change map(ResultSet rs, int row) throws SQLException {
    String artifactName = rs.getString("artifact_name");
    String type = rs.getString("change_type");
    String risk = rs.getString("risk_level");
    String validation = rs.getString("validation_spec");
    return new Change(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("service"),
        rs.getString("environment"),
        artifactName == null ? null
            : new Artifact(artifactName, rs.getString("artifact_version"), rs.getString("artifact_digest")),
        Level.valueOf(rs.getString("impact")),
        Level.valueOf(rs.getString("urgency")),
        rs.getBoolean("regulated"),
        rs.getBoolean("security_relevant"),
        rs.getString("standard_template"),
        rs.getBoolean("emergency"),
        rs.getString("emergency_justification"),
        Columns.instant(rs, "planned_start"),
        Columns.instant(rs, "planned_end"),
        read(rs.getString("targets"), TARGETS),
        rs.getString("rollback_plan"),
        validation == null ? null : read(validation, new TypeReference<ValidationSpec>() {}),
        rs.getBoolean("dry_run"),
        rs.getString("requester"),
        ChangeStatus.valueOf(rs.getString("status")),
        type == null ? null : ChangeType.valueOf(type),
        rs.getString("classification_reason"),
        risk == null ? null : Level.valueOf(risk),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store " + value, e);
    }
  }

  private <T> T read(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + value, e);
    }
  }

}
