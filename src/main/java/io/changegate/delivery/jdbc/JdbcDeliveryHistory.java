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
 * non-dry-run deploy call ({@code changegate_deployment}, kind {@code DEPLOY}); its origin gives the team and commit
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
        SELECT c.id, c.service, o.team, c.environment, c.emergency, c.created_at, o.commit_time, d.deployed_at,
          c.status, rb.rolled_back_at,
          (SELECT MIN(l.at) FROM (
             SELECT i.change_id, i.opened_at AS at FROM changegate_incident i
             UNION ALL
             SELECT pc.change_id, pi.opened_at AS at FROM changegate_problem_change pc
               JOIN changegate_problem_incident pi ON pi.problem_id = pc.problem_id) l
           WHERE l.change_id = c.id AND l.at >= d.deployed_at) AS incident_at
        FROM (SELECT change_id, MIN(deployed_at) AS deployed_at FROM changegate_deployment
              WHERE kind = 'DEPLOY' AND dry_run = FALSE AND deployed_at < ?
              GROUP BY change_id HAVING MIN(deployed_at) >= ?) d
        JOIN changegate_change c ON c.id = d.change_id
        LEFT JOIN changegate_change_origin o ON o.change_id = c.id
        LEFT JOIN (SELECT change_id, MIN(occurred_at) AS rolled_back_at FROM changegate_audit
                   WHERE action = 'ROLLED_BACK' GROUP BY change_id) rb ON rb.change_id = c.id
        WHERE c.dry_run = FALSE""");
    List<Object> params = new ArrayList<>(List.of(utc(to), utc(from)));
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
    sql.append(" ORDER BY d.deployed_at, c.id");
    return jdbc.sql(sql.toString()).params(params).query(JdbcDeliveryHistory::map).list();
  }

  private static Deployment map(ResultSet rs, int row) throws SQLException {
    return new Deployment(rs.getString("id"), rs.getString("service"), rs.getString("team"),
        rs.getString("environment"), rs.getBoolean("emergency"), Columns.instant(rs, "created_at"),
        Columns.instant(rs, "commit_time"), Columns.instant(rs, "deployed_at"), rs.getString("status"), Columns.instant(rs, "rolled_back_at"),
        Columns.instant(rs, "incident_at"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
