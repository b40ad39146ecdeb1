package io.changegate.emergency;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code changegate_emergency}: initiator, incident reference, blackout override and PIR verdict. */
@Repository
public class EmergencyRecords {

  private final JdbcClient jdbc;

  public EmergencyRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Idempotent: a change is recorded as an emergency once. */
  public void ensure(String changeId, String initiator, String incidentReference, String startedFrom,
      Instant at) {
    int exists = jdbc.sql("SELECT COUNT(*) FROM changegate_emergency WHERE change_id = ?").param(changeId)
        .query(Integer.class).single();
    if (exists == 0) {
      jdbc.sql("""
              INSERT INTO changegate_emergency (change_id, initiator, incident_reference, started_from, created_at)
              VALUES (?, ?, ?, ?, ?)""")
          .params(changeId, initiator, incidentReference, startedFrom, at.atOffset(ZoneOffset.UTC))
          .update();
    }
  }

  public void blackoutOverridden(String changeId, String reason) {
    jdbc.sql("UPDATE changegate_emergency SET blackout_override = ? WHERE change_id = ?").params(reason, changeId)
        .update();
  }

  public void reviewed(String changeId, PirVerdict verdict, String reviewer, String comment, Instant at) {
    jdbc.sql("UPDATE changegate_emergency SET pir_verdict = ?, pir_reviewer = ?, pir_comment = ?, pir_at = ? "
            + "WHERE change_id = ?")
        .params(verdict.name(), reviewer, comment, at.atOffset(ZoneOffset.UTC), changeId).update();
  }
}
