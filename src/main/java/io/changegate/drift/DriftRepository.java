package io.changegate.drift;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What Changegate deployed where ({@code changegate_deployment}) and the drift found ({@code changegate_drift}). */
@Repository
class DriftRepository {

  /** The release a target should run: the newest completed change's deployment of it in the environment. */
  record Expected(String environment, String target, String adapter, String changeId, String service, String version,
      String digest) {}

  private final JdbcClient jdbc;

  DriftRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Per environment and target, the newest deployment of a COMPLETED change (not a dry run) that deployed it or
   * found it already running: what the target should run now.
   */
  List<Expected> expected() {
    return jdbc.sql("""
            SELECT d.environment, d.target_name, d.adapter, d.change_id, d.service, d.version, d.digest
            FROM changegate_deployment d JOIN changegate_change c ON c.id = d.change_id
            WHERE d.kind = 'DEPLOY' AND d.result IN ('DEPLOYED', 'ALREADY_RUNNING') AND d.dry_run = FALSE
              AND c.status = 'COMPLETED'
              AND NOT EXISTS (
                SELECT 1 FROM changegate_deployment n JOIN changegate_change nc ON nc.id = n.change_id
                WHERE n.environment = d.environment AND n.target_name = d.target_name AND n.kind = 'DEPLOY'
                  AND n.result IN ('DEPLOYED', 'ALREADY_RUNNING') AND n.dry_run = FALSE AND nc.status = 'COMPLETED'
                  AND (n.deployed_at > d.deployed_at OR (n.deployed_at = d.deployed_at AND n.change_id > d.change_id)))
            ORDER BY d.environment, d.target_name""")
        .query((rs, n) -> new Expected(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7)))
        .list();
  }

  boolean known(String fingerprint) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_drift WHERE fingerprint = ?").param(fingerprint)
        .query(Long.class).single() > 0;
  }

  void insert(DriftFinding f, String fingerprint) {
    jdbc.sql("""
            INSERT INTO changegate_drift (id, fingerprint, environment, target_name, adapter, expected_change,
              expected_version, expected_digest, actual_version, actual_digest, evidence, owner_group,
              incident_reference, detected_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(f.id(), fingerprint, f.environment(), f.target(), f.adapter(), f.expectedChange(),
            f.expectedVersion(), f.expectedDigest(), f.actualVersion(), f.actualDigest(), f.evidence(),
            f.ownerGroup(), f.incidentReference(), f.detectedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  List<DriftFinding> list(String environment, int limit) {
    if (environment == null) {
      return jdbc.sql("SELECT * FROM changegate_drift ORDER BY detected_at DESC, id DESC LIMIT ?").param(limit)
          .query(this::map).list();
    }
    return jdbc.sql("SELECT * FROM changegate_drift WHERE environment = ? ORDER BY detected_at DESC, id DESC LIMIT ?")
        .params(environment, limit).query(this::map).list();
  }

  private DriftFinding map(ResultSet rs, int row) throws SQLException {
    return new DriftFinding(rs.getString("id"), rs.getString("environment"), rs.getString("target_name"),
        rs.getString("adapter"), rs.getString("expected_change"), rs.getString("expected_version"),
        rs.getString("expected_digest"), rs.getString("actual_version"), rs.getString("actual_digest"),
        rs.getString("evidence"), rs.getString("owner_group"), rs.getString("incident_reference"),
        rs.getObject("detected_at", OffsetDateTime.class).toInstant());
  }
}
