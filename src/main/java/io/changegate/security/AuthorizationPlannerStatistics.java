package io.changegate.security;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL only: the planner statistics on {@code ACT_RU_AUTHORIZATION}'s permission bits that make the candidate-group
 * task queries fast (why: see Flyway migration {@code V8__AuthorizationPlannerStatistics}), made once the engine has
 * built its schema. V8 can only make them where the engine's tables exist before Flyway runs; on an empty database,
 * where Flyway may run first, it finds no table and does nothing, and the statistics are made here instead (once:
 * {@code CREATE STATISTICS IF NOT EXISTS}, then {@code ANALYZE} only when they were missing).
 */
@Component
public class AuthorizationPlannerStatistics extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationPlannerStatistics.class);

  /** The name V8 gives them. */
  public static final String STATISTICS = "changegate_act_ru_authorization_perms";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData database = connection.getMetaData();
      if (!"PostgreSQL".equals(database.getDatabaseProductName()) || database.getDatabaseMajorVersion() < 14) {
        return;
      }
      if (exist(connection)) {
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try (Statement sql = connection.createStatement()) {
        sql.execute("CREATE STATISTICS IF NOT EXISTS " + STATISTICS
            + " ON (perms_ & 2), (perms_ & 64) FROM act_ru_authorization");
        sql.execute("ANALYZE act_ru_authorization");
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      LOG.info("planner statistics {} on ACT_RU_AUTHORIZATION made", STATISTICS);
    } catch (SQLException e) {
      LOG.warn("no planner statistics on ACT_RU_AUTHORIZATION ({}): task queries with many open tasks per group stay"
          + " slow", e.getMessage());
    }
  }

  private static boolean exist(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_statistic_ext WHERE stxname = ?")) {
      query.setString(1, STATISTICS);
      try (ResultSet found = query.executeQuery()) {
        return found.next();
      }
    }
  }
}
