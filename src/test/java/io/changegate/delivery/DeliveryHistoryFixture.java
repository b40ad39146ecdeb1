package io.changegate.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes a known delivery history straight into Changegate's tables (changes, origins, deployments, incidents). */
public final class DeliveryHistoryFixture {

  private final JdbcClient jdbc;

  public DeliveryHistoryFixture(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A change of {@code service} deployed at {@code deployed}; {@code commit} and {@code incident} may be null. */
  public void deployment(String id, String service, String team, String environment, boolean emergency, String created,
      String commit, String deployed, String status, String incident) {
    Instant createdAt = Instant.parse(created);
    jdbc.sql("""
            INSERT INTO changegate_change (id, title, service, environment, impact, urgency, regulated,
              security_relevant, emergency, targets, dry_run, requester, status, change_type, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'LOW', 'LOW', FALSE, FALSE, ?, '[]', FALSE, 'requester', ?, ?, ?, ?)""")
        .params(id, "History " + id, service, environment, emergency, status, emergency ? "EMERGENCY" : "STANDARD",
            createdAt.atOffset(ZoneOffset.UTC), createdAt.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql("""
            INSERT INTO changegate_change_origin (change_id, team, commit_sha, commit_time)
            VALUES (?, ?, ?, ?)""")
        .params(id, team, commit == null ? null : "abcdef1", commit == null ? null
            : Instant.parse(commit).atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql("""
            INSERT INTO changegate_deployment (idempotency_key, change_id, target_name, adapter, service, environment,
              version, result, dry_run, deployed_at, kind)
            VALUES (?, ?, ?, 'sandbox', ?, ?, '1.0.0', 'DEPLOYED', FALSE, ?, 'DEPLOY')""")
        .params(id + ":DEPLOY:" + service, id, service, service, environment,
            Instant.parse(deployed).atOffset(ZoneOffset.UTC))
        .update();
    // as DeploymentRecords keeps it with each deploy call
    jdbc.sql("UPDATE changegate_change SET first_deployed_at = ? WHERE id = ?")
        .params(Instant.parse(deployed).atOffset(ZoneOffset.UTC), id)
        .update();
    if (incident != null) {
      jdbc.sql("""
              INSERT INTO changegate_incident (idempotency_key, change_id, kind, system, reference, summary, opened_at)
              VALUES (?, ?, 'ROLLBACK', 'sandbox', ?, 'failed', ?)""")
          .params(id + ":INCIDENT", id, "INC-" + id, Instant.parse(incident).atOffset(ZoneOffset.UTC))
          .update();
    }
  }
}
