package io.changegate.rollback.rehearsal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code changegate_rollback_rehearsal}, in the caller's transaction: one row per rehearsed change, its outcome
 * written once when the rollback ends. The promotion query of the deployment capability reads the same table.
 */
@Repository
class RehearsalStore {

  private final JdbcClient jdbc;

  RehearsalStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Rehearsal> find(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_rollback_rehearsal WHERE change_id = ?").param(changeId)
        .query((rs, row) -> read(rs)).optional();
  }

  /** The newest PASSED rehearsal of this digest of the service in the environment. */
  Optional<Rehearsal> passedIn(String environment, String service, String digest) {
    return jdbc.sql("""
            SELECT * FROM changegate_rollback_rehearsal
            WHERE environment = ? AND service = ? AND artifact_digest = ? AND outcome = 'PASSED'
            ORDER BY finished_at DESC""")
        .params(environment, service, digest).query((rs, row) -> read(rs)).list().stream().findFirst();
  }

  void requested(String changeId, String service, String environment, String digest, String actor, String reason,
      Instant at) {
    jdbc.sql("""
            INSERT INTO changegate_rollback_rehearsal (change_id, service, environment, artifact_digest, requested_by,
              requested_at, reason, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(changeId, service, environment, digest, actor, utc(at), reason, Rehearsal.REQUESTED).update();
  }

  /** The data-consistency result of a REQUESTED rehearsal (the verification after its rollback). */
  void consistency(String changeId, boolean passed, String consistency) {
    jdbc.sql("""
            UPDATE changegate_rollback_rehearsal SET consistency_passed = ?, consistency = ?
            WHERE change_id = ? AND outcome = 'REQUESTED'""")
        .params(passed, cut(consistency), changeId).update();
  }

  /** Writes the outcome of a REQUESTED rehearsal; false when it has one already (a retried job). */
  boolean finished(String changeId, String outcome, Double timeToRestoreSeconds, Boolean consistencyPassed,
      String consistency, Instant at) {
    return jdbc.sql("""
            UPDATE changegate_rollback_rehearsal SET outcome = ?, time_to_restore_seconds = ?, consistency_passed = ?,
              consistency = ?, finished_at = ? WHERE change_id = ? AND outcome = 'REQUESTED'""")
        .params(outcome, timeToRestoreSeconds == null ? null
                : BigDecimal.valueOf(timeToRestoreSeconds).setScale(3, RoundingMode.HALF_UP),
            consistencyPassed, cut(consistency), utc(at), changeId)
        .update() == 1;
  }

  private static Rehearsal read(ResultSet rs) throws SQLException {
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    Object consistent = rs.getObject("consistency_passed");
    return new Rehearsal(rs.getString("change_id"), rs.getString("service"), rs.getString("environment"),
        rs.getString("artifact_digest"), rs.getString("requested_by"),
        rs.getObject("requested_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
        rs.getString("outcome"), rs.getBigDecimal("time_to_restore_seconds"),
        consistent == null ? null : rs.getBoolean("consistency_passed"), rs.getString("consistency"),
        finished == null ? null : finished.toInstant());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static String cut(String text) {
    return text == null || text.length() <= 4000 ? text : text.substring(0, 3999) + "\u2026";
  }
}
