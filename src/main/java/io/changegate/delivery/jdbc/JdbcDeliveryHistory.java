package io.changegate.delivery.jdbc;

import io.changegate.jdbc.Columns;

import io.changegate.delivery.DeliveryFilter;
import io.changegate.delivery.DeliveryHistory;
import io.changegate.delivery.Deployment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deployments as Changegate's tables hold them, read in one statement: a change counts as deployed at its first
 * non-dry-run deploy call ({@code changegate_deployment}, kind {@code DEPLOY}, whatever its result), which
 * {@code DeploymentRecords} keeps on the change ({@code first_deployed_at}, indexed: a period is a range scan of its
 * changes); its origin gives the team and commit
 * time, the audit trail when it was rolled back; its first incident opened at or after the deployment — one
 * Changegate opened ({@code changegate_incident}), one of the ITSM tool linked to it (kind {@code LINKED}), or one of a
 * problem record naming it as a cause ({@code changegate_problem_change}, {@code changegate_problem_incident}). A
 * read model over the tables of several capabilities, in SQL so that a year of history is one query.
 */
@Repository
public class JdbcDeliveryHistory implements DeliveryHistory {

  private final JdbcClient jdbc;

  public JdbcDeliveryHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Deployment> deployments(DeliveryFilter filter, Instant from, Instant to) {
    StringBuilder sql = new StringBuilder("""
        SELECT c.id, c.service, o.team, c.environment, c.emergency, c.created_at, o.commit_time,
          c.first_deployed_at AS deployed_at, c.status, rb.rolled_back_at, inc.incident_at
        FROM changegate_change c
        LEFT JOIN changegate_change_origin o ON o.change_id = c.id
        LEFT JOIN (SELECT change_id, MIN(occurred_at) AS rolled_back_at FROM changegate_audit
                   WHERE action = 'ROLLED_BACK' GROUP BY change_id) rb ON rb.change_id = c.id
        LEFT JOIN (SELECT l.change_id, MIN(l.at) AS incident_at FROM (
                     SELECT i.change_id, i.opened_at AS at FROM changegate_incident i
                     UNION ALL
                     SELECT pc.change_id, pi.opened_at AS at FROM changegate_problem_change pc
                       JOIN changegate_problem_incident pi ON pi.problem_id = pc.problem_id) l
                   JOIN changegate_change f ON f.id = l.change_id
                   WHERE f.first_deployed_at >= ? AND f.first_deployed_at < ? AND l.at >= f.first_deployed_at
                   GROUP BY l.change_id) inc ON inc.change_id = c.id
        WHERE c.first_deployed_at >= ? AND c.first_deployed_at < ? AND c.dry_run = FALSE""");
    List<Object> params = new ArrayList<>(List.of(utc(from), utc(to), utc(from), utc(to)));
    if (filter.service() != null) {
      sql.append(" AND c.service = ?");
      params.add(filter.service());
    }
    if (filter.environment() != null) {
      sql.append(" AND c.environment = ?");
      params.add(filter.environment());
    }
    if (filter.team() != null) {
      sql.append(" AND o.team = ?");
      params.add(filter.team());
    }
    // oldest first, sorted here: cheaper than the database's sort of a year of rows (which spills to disk)
    List<Deployment> deployments = new ArrayList<>(
        jdbc.sql(sql.toString()).params(params).query(JdbcDeliveryHistory::map).list());
    deployments.sort(Deployment.OLDEST_FIRST);
    return deployments;
  }

  /** By position, in the order of the SELECT (a year is 100,000 rows: no lookup of each column by name). */
  private static Deployment map(ResultSet rs, int row) throws SQLException {
    return new Deployment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
        Columns.instant(rs, 6), Columns.instant(rs, 7), Columns.instant(rs, 8), rs.getString(9),
        Columns.instant(rs, 10), Columns.instant(rs, 11));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
