package io.changegate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The databases of a run: a fresh H2 file database, and a dropped and recreated PostgreSQL database. */
final class BenchmarkDatabases {

  private BenchmarkDatabases() {}

  /** Demo profile on an H2 file database in a new temporary directory (the demo's own URL options). */
  static Map<String, Object> h2(Path dir) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("changegate") + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256");
    return properties;
  }

  static Path newH2Directory() {
    try {
      return Files.createTempDirectory("changegate-bench-h2");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary directory", e);
    }
  }

  /** Postgres profile on the benchmark database, with the administrator password the profile requires. */
  static Map<String, Object> postgres(BenchmarkSettings settings) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", settings.postgresUrl());
    properties.put("spring.datasource.username", settings.postgresUser());
    properties.put("spring.datasource.password", settings.postgresPassword());
    properties.put("changegate.security.admin.password", "bench");
    properties.putAll(catalog());
    return properties;
  }

  /** {@link #catalog()} as command-line arguments. */
  static java.util.List<String> catalogArguments() {
    return catalog().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
  }

  /**
   * Outside the demo no environment may allow the sandbox: deployments run /bin/true through the command adapter,
   * and the catalog has staging and production.
   */
  static Map<String, String> catalog() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("changegate.deployment.command.deploy[0]", "/bin/true");
    properties.put("changegate.deployment.default-adapter", "command");
    // no monitoring default outside the demo: the benchmarks measure Changegate, not a monitoring system
    properties.put("changegate.monitoring.adapter", "sandbox");
    String[][] environments = {{"staging", "PRE_PRODUCTION", "1"}, {"production", "PRODUCTION", "2"}};
    for (int i = 0; i < environments.length; i++) {
      String seed = "changegate.environments.seed[" + i + "].";
      properties.put(seed + "name", environments[i][0]);
      properties.put(seed + "kind", environments[i][1]);
      properties.put(seed + "owner-group", "operations");
      properties.put(seed + "allowed-adapters[0]", "command");
      properties.put(seed + "promotion-order", environments[i][2]);
      properties.put(seed + "data-classification", "INTERNAL");
      properties.put(seed + "capacity", "5");
    }
    return properties;
  }

  /**
   * Drops and recreates the benchmark database, so that every run starts empty. Returns why PostgreSQL
   * cannot be used, or empty when it is ready.
   */
  static Optional<String> recreatePostgres(BenchmarkSettings settings) {
    String url = settings.postgresUrl();
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    String database = url.substring(slash + 1, query < 0 ? url.length() : query);
    if (!database.matches("[a-z_][a-z0-9_]*")) {
      return Optional.of("database name '" + database + "' is not a plain identifier");
    }
    String maintenanceUrl = url.substring(0, slash + 1) + "postgres";
    Properties login = new Properties();
    login.setProperty("user", settings.postgresUser());
    login.setProperty("password", settings.postgresPassword());
    login.setProperty("connectTimeout", "3");
    login.setProperty("loginTimeout", "5");
    try (Connection connection = DriverManager.getConnection(maintenanceUrl, login);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("PostgreSQL unreachable at " + maintenanceUrl + " as " + settings.postgresUser() + ": "
          + e.getMessage());
    }
  }

  /**
   * Writes a batch of changes straight into the change store (id, title, service, environment, requester, status,
   * created, updated; the rest fixed: a MEDIUM-impact normal change with no targets) and empties the batch.
   */
  static void insertChanges(org.springframework.jdbc.core.JdbcTemplate jdbc, java.util.List<Object[]> batch) {
    jdbc.batchUpdate("""
        INSERT INTO changegate_change (id, title, service, environment, impact, urgency, regulated, security_relevant,
          emergency, targets, dry_run, requester, status, change_type, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'MEDIUM', 'LOW', FALSE, FALSE, FALSE, '[]', FALSE, ?, ?, 'NORMAL', ?, ?)""", batch);
    batch.clear();
  }
}
