package io.changegate.governance.trace;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code changegate_change_model_version}: which version of each model every change ran through. */
@Repository
public class ProcessVersions {

  private final JdbcClient jdbc;

  public ProcessVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that {@code changeId} used this definition, once per definition: a single statement that inserts only
   * when the change has no row for the definition yet.
   */
  public void record(String changeId, ProcessVersion used, String definitionId, Instant at) {
    jdbc.sql("""
            INSERT INTO changegate_change_model_version (change_id, kind, model_key, version, sha256, definition_id,
              first_used_at)
            SELECT ?, ?, ?, ?, ?, ?, ? FROM (VALUES (0)) AS one (n)
            WHERE NOT EXISTS (SELECT 1 FROM changegate_change_model_version
              WHERE change_id = ? AND definition_id = ?)""")
        .params(changeId, used.kind().name(), used.key(), used.version(), used.sha256(), definitionId,
            at.atOffset(ZoneOffset.UTC), changeId, definitionId)
        .update();
  }

  /** What the change ran through, in the order it first used each (a definition used twice is listed once). */
  public List<ProcessVersion> ofChange(String changeId) {
    return jdbc.sql("""
            SELECT kind, model_key, version, sha256, MIN(first_used_at) AS first_used
            FROM changegate_change_model_version WHERE change_id = ?
            GROUP BY kind, model_key, version, sha256 ORDER BY first_used, kind, model_key""")
        .param(changeId)
        .query((rs, n) -> new ProcessVersion(ProcessVersion.Kind.valueOf(rs.getString("kind")),
            rs.getString("model_key"), rs.getInt("version"), rs.getString("sha256")))
        .list();
  }
}
