package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL only (nothing on H2): statistics on the permission bits of the engine's {@code ACT_RU_AUTHORIZATION},
 * so that the planner estimates the authorization check of a task query right.
 *
 * <p>Every candidate-group task query with authorizations on (Tasklist's "My group's tasks", {@code GET
 * /engine-rest/task?candidateGroups=}) joins each of the group's tasks to the group's authorizations on
 * {@code RESOURCE_ID_ IN (task id, process definition key, '*')}, filtered by {@code PERMS_ & 2 = 2} (READ). Without
 * statistics on that expression PostgreSQL guesses 0.5 % of the rows match, expects a dozen authorization rows where
 * there is one per open task (the engine grants each candidate group on its task), and scans all of them once per
 * task: with 2,500 tasks for a group, 6 million comparisons and about 2 s per query. With the statistics it expects
 * the right number and, with a {@code random_page_cost} for a cached database and plans made with each query's values
 * (the postgres profile set both on each connection then: {@code random_page_cost} 1.1, {@code plan_cache_mode}
 * {@code force_custom_plan}; a generic plan of the engine's prepared statement cannot use the statistics), looks
 * each task's authorization up in {@code ACT_IDX_AUTH_RESOURCE_ID}: about 0.1 s ({@code SignOffTaskListBenchmark}).
 * Since grants are made per review process definition (no row per task) the join meets two or three grant rows and
 * the profile keeps PostgreSQL's default plan cache; the statistics stay for databases that still hold per-task rows.
 *
 * <p>Where the engine's tables exist before Flyway runs, this migration makes the statistics; on an empty database
 * Flyway may run first, find no {@code ACT_RU_AUTHORIZATION} and do nothing: the process engine plugin
 * {@code io.changegate.security.AuthorizationPlannerStatistics} then makes them once the engine has built its schema.
 */
public class V8__AuthorizationPlannerStatistics extends BaseJavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(V8__AuthorizationPlannerStatistics.class);

  static final String STATISTICS = "changegate_act_ru_authorization_perms";

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    DatabaseMetaData database = connection.getMetaData();
    if (!"PostgreSQL".equals(database.getDatabaseProductName())) {
      return;
    }
    if (database.getDatabaseMajorVersion() < 14) {
      LOG.warn("PostgreSQL {} has no statistics on expressions (14 and later): task queries with many open tasks per "
          + "group stay slow", database.getDatabaseProductVersion());
      return;
    }
    try (ResultSet table = database.getTables(null, connection.getSchema(), "act_ru_authorization", null)) {
      if (!table.next()) {
        LOG.info("ACT_RU_AUTHORIZATION does not exist yet: its planner statistics ({}) are made after the engine's"
            + " schema (AuthorizationPlannerStatistics)", STATISTICS);
        return;
      }
    }
    try (Statement sql = connection.createStatement()) {
      sql.execute("CREATE STATISTICS IF NOT EXISTS " + STATISTICS
          + " ON (perms_ & 2), (perms_ & 64) FROM act_ru_authorization");
      sql.execute("ANALYZE act_ru_authorization");
    }
  }
}
