package io.changegate.support;

import com.zaxxer.hikari.HikariDataSource;
import io.changegate.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh database with Changegate's migrations, for tests of SQL without an application: H2 in memory, or a
 * PostgreSQL database of the test's own, dropped on close. Without PostgreSQL the test is skipped on a developer's
 * machine, saying so, and fails in CI (where {@code CI} is set).
 */
public record FreshDatabase(HikariDataSource dataSource, JdbcClient jdbc, String postgresDatabase)
    implements AutoCloseable {

  public static final String H2 = "h2";
  public static final String POSTGRESQL = "postgresql";

  /** A fresh database of {@code kind} ({@link #H2} or {@link #POSTGRESQL}); {@code name} tells whose it is. */
  public static FreshDatabase open(String kind, String name) throws SQLException {
    HikariDataSource dataSource = new HikariDataSource();
    String postgresDatabase = null;
    if (kind.equals(H2)) {
      dataSource.setJdbcUrl("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    } else {
      postgresDatabase = "changegate_" + name.replace('-', '_') + "_" + ProcessHandle.current().pid();
      try {
        admin("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
        admin("CREATE DATABASE " + postgresDatabase);
      } catch (SQLException e) {
        dataSource.close();
        if (System.getenv("CI") != null) {
          throw e;
        }
        Assumptions.abort("PostgreSQL at " + PostgresDatabase.HOST + " is unreachable (" + e.getMessage() + ")");
      }
      dataSource.setJdbcUrl("jdbc:postgresql://" + PostgresDatabase.HOST + "/" + postgresDatabase);
      dataSource.setUsername(PostgresDatabase.USER);
    }
    dataSource.setMaximumPoolSize(3);
    return new FreshDatabase(dataSource, JdbcClient.create(dataSource), postgresDatabase);
  }

  /**
   * Applies Changegate's migrations up to {@code target} (a version such as "25"), or all of them (null), with the
   * application's Flyway callbacks given.
   */
  public FreshDatabase migrate(String target, Callback... callbacks) {
    var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
        .table("changegate_schema_history").baselineOnMigrate(true).baselineVersion("0").callbacks(callbacks);
    if (target != null) {
      flyway.target(target);
    }
    flyway.load().migrate();
    return this;
  }

  public boolean isPostgres() {
    return postgresDatabase != null;
  }

  private static void admin(String statement) throws SQLException {
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PostgresDatabase.HOST + "/postgres",
        PostgresDatabase.USER, ""); Statement sql = admin.createStatement()) {
      sql.execute(statement);
    }
  }

  @Override
  public void close() throws SQLException {
    dataSource.close();
    if (postgresDatabase != null) {
      admin("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
    }
  }
}
