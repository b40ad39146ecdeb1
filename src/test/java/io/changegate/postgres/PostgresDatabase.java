package io.changegate.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
  /** One database per test JVM, dropped by a later one once it has ended: parallel builds on one server never meet. */
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

  /**
   * Drops the databases of test JVMs that have ended (no process of that id here, and nobody connected). A JVM does
   * not drop its own at exit: its Spring contexts close in a shutdown hook of their own, and the engine needs the
   * database to close (dropped first, it waited 30 s for a connection and surefire killed the fork).
   */
  private static void dropLeftovers(Statement sql) throws SQLException {
    List<String> leftovers = new ArrayList<>();
    try (ResultSet names = sql.executeQuery(
        "SELECT d.datname FROM pg_database d WHERE d.datname LIKE 'changegate\\_it\\_%'"
            // a JVM of another machine on a shared server is not in this machine's process table, but it is connected
            + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)")) {
      while (names.next()) {
        leftovers.add(names.getString(1));
      }
    }
    for (String name : leftovers) {
      String pid = name.substring("changegate_it_".length());
      if (pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
          && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
        continue; // a test JVM still running (on this machine) uses it
      }
      sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static synchronized void recreate() throws SQLException {
    if (created) {
      return;
    }
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, "");
        Statement sql = admin.createStatement()) {
      dropLeftovers(sql);
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + DATABASE);
    }
    created = true;
    System.out.println("PostgreSQL integration tests run against " + URL);
  }
}
