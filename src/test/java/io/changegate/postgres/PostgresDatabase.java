package io.changegate.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against a fresh PostgreSQL database. Where no PostgreSQL answers, the class is
 * skipped with the reason printed, except in CI ({@code CI} set), where that is a failure: the
 * PostgreSQL tests must run there.
 */
public class PostgresDatabase implements ExecutionCondition {

  public static final String HOST = System.getProperty("changegate.it.postgres", "127.0.0.1:5432");
  public static final String USER = System.getProperty("changegate.it.postgres.user", "postgres");
  /** One database per test JVM, dropped when it ends: parallel builds on one server never meet. */
  public static final String DATABASE = "changegate_it_" + ProcessHandle.current().pid();
  public static final String URL = "jdbc:postgresql://" + HOST + "/" + DATABASE;

  private static boolean created;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    try {
      recreate();
      return ConditionEvaluationResult.enabled("PostgreSQL at " + HOST + " is up; using database " + DATABASE);
    } catch (SQLException e) {
      String reason = "PostgreSQL at " + HOST + " is unreachable (" + e.getMessage() + ")";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(reason + ": CI must run the PostgreSQL tests", e);
      }
      System.out.println("SKIPPED PostgreSQL integration tests: " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
  }

  private static void drop() {
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop " + DATABASE + ": " + e.getMessage());
    }
  }

  private static synchronized void recreate() throws SQLException {
    if (created) {
      return;
    }
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + DATABASE);
    }
    created = true;
    Runtime.getRuntime().addShutdownHook(new Thread(PostgresDatabase::drop, "drop-" + DATABASE));
    System.out.println("PostgreSQL integration tests run against " + URL);
  }
}
