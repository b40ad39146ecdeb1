package io.changegate.risk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** FMEA worksheets ({@code changegate_fmea_worksheet}, {@code changegate_fmea_row}), in the caller's transaction. */
@Repository
public class FmeaRepository {

  /** Who saved a worksheet last, when, and through which entry path (tasklist, excel). */
  public record Saved(String changeId, String savedBy, Instant savedAt, String source) {}

  private final JdbcClient jdbc;

  public FmeaRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the change's worksheet as a whole. */
  public void replace(String changeId, List<FmeaRow> rows, String savedBy, String source, Instant at) {
    jdbc.sql("DELETE FROM changegate_fmea_row WHERE change_id = ?").param(changeId).update();
    jdbc.sql("DELETE FROM changegate_fmea_worksheet WHERE change_id = ?").param(changeId).update();
    jdbc.sql("INSERT INTO changegate_fmea_worksheet (change_id, saved_by, saved_at, source) VALUES (?, ?, ?, ?)")
        .params(changeId, savedBy, at.atOffset(ZoneOffset.UTC), source).update();
    int n = 0;
    for (FmeaRow r : rows) {
      n++;
      jdbc.sql("""
              INSERT INTO changegate_fmea_row (change_id, row_no, step, failure_mode, effect, cause, severity,
                occurrence, detection, current_controls, recommended_action, action_owner)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(changeId, n, r.step(), r.failureMode(), r.effect(), r.cause(), r.severity(), r.occurrence(),
              r.detection(), r.currentControls(), r.recommendedAction(), r.owner())
          .update();
    }
  }

  /** The change's worksheet in its order; empty when none was saved. */
  public List<FmeaRow> rowsOf(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_fmea_row WHERE change_id = ? ORDER BY row_no")
        .param(changeId)
        .query((rs, n) -> new FmeaRow(rs.getString("step"), rs.getString("failure_mode"), rs.getString("effect"),
            rs.getString("cause"), rs.getInt("severity"), rs.getInt("occurrence"), rs.getInt("detection"),
            rs.getString("current_controls"), rs.getString("recommended_action"), rs.getString("action_owner")))
        .list();
  }

  public Optional<Saved> savedOf(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_fmea_worksheet WHERE change_id = ?").param(changeId)
        .query((rs, n) -> new Saved(rs.getString("change_id"), rs.getString("saved_by"),
            rs.getObject("saved_at", OffsetDateTime.class).toInstant(), rs.getString("source")))
        .optional();
  }
}
