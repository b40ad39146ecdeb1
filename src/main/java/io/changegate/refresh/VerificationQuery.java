package io.changegate.refresh;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs a target's verification query through its own JDBC data source, opened read-only (and rolled back): the
 * query counts, it never writes. The answer is the first column of the first row, as text ({@code null} for no row).
 * A database that cannot be reached throws: the engine retries, then raises an incident.
 */
@Component
public class VerificationQuery {

  /** The answer and how long the query took. */
  public record Answer(String value, long millis) {}

  private final Environment spring;

  public VerificationQuery(Environment spring) {
    this.spring = spring;
  }

  public Answer run(RefreshProperties.Verification source, String query) {
    String password = source.passwordProperty() == null ? null : spring.getProperty(source.passwordProperty());
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(source.url(), source.username(), password)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(30);
        statement.setMaxRows(1);
        try (ResultSet rows = statement.executeQuery(query)) {
          String value = rows.next() ? rows.getString(1) : null;
          return new Answer(value, (System.nanoTime() - start) / 1_000_000);
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the verification query on " + source.url() + " failed: " + e.getMessage(), e);
    }
  }
}
