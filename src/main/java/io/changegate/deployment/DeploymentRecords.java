package io.changegate.deployment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code changegate_deployment}: one row per idempotency key. */
@Repository
public class DeploymentRecords {

  private final JdbcClient jdbc;

  public DeploymentRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String idempotencyKey) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_deployment WHERE idempotency_key = ?")
        .param(idempotencyKey).query(Long.class).single() > 0;
  }

  public void insert(DeploymentOrder order, String adapter, String service, String result, String detail,
      Instant at) {
    jdbc.sql("""
            INSERT INTO changegate_deployment (idempotency_key, change_id, target_name, adapter, service,
              environment, version, digest, result, dry_run, detail, deployed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(order.idempotencyKey(), order.changeId(), order.target(), adapter, service, order.environment(),
            order.version(), order.digest(), result, order.dryRun(), detail, at.atOffset(ZoneOffset.UTC))
        .update();
  }

  public List<DeploymentRecord> ofChange(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_deployment WHERE change_id = ? ORDER BY deployed_at, target_name")
        .param(changeId)
        .query((rs, n) -> new DeploymentRecord(
            rs.getString("target_name"), rs.getString("adapter"), rs.getString("environment"),
            rs.getString("version"), rs.getString("digest"), rs.getString("result"), rs.getBoolean("dry_run"),
            rs.getString("detail"), rs.getObject("deployed_at", OffsetDateTime.class).toInstant()))
        .list();
  }
}
