package io.changegate.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The origin of each change ({@code changegate_change_origin}): its team and commit, in the caller's transaction. */
@Repository
public class ChangeOrigins {

  private final JdbcClient jdbc;

  public ChangeOrigins(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String changeId, ChangeOrigin origin) {
    Commit c = origin.commit();
    jdbc.sql("""
            INSERT INTO changegate_change_origin (change_id, team, commit_sha, commit_repository, commit_time,
              pipeline_url, configuration_revision)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(changeId, origin.team(), c == null ? null : c.sha(), c == null ? null : c.repository(),
            c == null ? null : c.time().withOffsetSameInstant(ZoneOffset.UTC), c == null ? null : c.pipelineUrl(),
            c == null ? null : c.configurationRevision())
        .update();
  }

  /** The change's origin; {@link ChangeOrigin#UNKNOWN} for a change stored before origins were kept. */
  public ChangeOrigin of(String changeId) {
    return find(changeId).orElse(ChangeOrigin.UNKNOWN);
  }

  public Optional<ChangeOrigin> find(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_change_origin WHERE change_id = ?").param(changeId)
        .query(ChangeOrigins::map).optional();
  }

  private static ChangeOrigin map(ResultSet rs, int row) throws SQLException {
    String sha = rs.getString("commit_sha");
    OffsetDateTime time = rs.getObject("commit_time", OffsetDateTime.class);
    Commit commit = sha == null ? null : new Commit(sha, rs.getString("commit_repository"),
        time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC), rs.getString("pipeline_url"),
        rs.getString("configuration_revision"));
    return new ChangeOrigin(rs.getString("team"), commit);
  }
}
