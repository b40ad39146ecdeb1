package io.changegate.monitoring.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.MonitoringProperties;
import io.changegate.outbound.Credentials;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs the data-integrity checkpoints of a service: each SQL query through the service's read-only data source (the
 * connection is read-only, in a transaction that is rolled back, one row at most, a query timeout), each HTTP
 * invariant as a GET. A result other than expected fails the check with both on the timeline. A query the database
 * refuses or a data source that does not answer is no verdict: the job fails and the engine retries, then raises an
 * incident, as with an unreachable Prometheus.
 */
@Component
public class DataIntegrityChecks {

  static final String SOURCE_SQL = "data-integrity sql";
  static final String SOURCE_HTTP = "data-integrity http";

  private final IntegrityProperties properties;
  private final Credentials credentials;
  private final ObjectMapper json;
  private final Duration timeout;
  /** Built on first use: a client builds the JDK's default TLS context, about 0.1 s of start-up. */
  private final SingletonSupplier<HttpClient> client;

  public DataIntegrityChecks(IntegrityProperties properties, Credentials credentials, ObjectMapper json,
      MonitoringProperties monitoring) {
    this.properties = properties;
    this.credentials = credentials;
    this.json = json;
    this.timeout = monitoring.syntheticTimeout();
    this.client = SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build());
  }

  /** The checkpoints of {@code service} in {@code environment}; empty when it has none. */
  public List<CheckResult> run(String service, String environment) {
    IntegrityProperties.Service checks = properties.services().get(service);
    if (checks == null) {
      return List.of();
    }
    List<CheckResult> results = new ArrayList<>();
    for (IntegrityProperties.Check check : checks.checks()) {
      if (check.sql() != null && !check.sql().isBlank()) {
        results.add(sql(checks.datasource(), environment, check));
      } else if (check.url() != null) {
        results.add(http(check));
      }
    }
    return results;
  }

  private CheckResult sql(IntegrityProperties.DataSource source, String environment, IntegrityProperties.Check check) {
    if (source == null || source.url() == null) {
      throw new IllegalStateException("data-integrity check " + check.name() + " has SQL but its service has no"
          + " changegate.monitoring.integrity.services.<service>.datasource.url");
    }
    String url = source.url().replace("{environment}", environment);
    String password = source.passwordProperty() == null ? null : credentials.secret(source.passwordProperty());
    String measured;
    try (Connection connection = DriverManager.getConnection(url, source.username(), password)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
        statement.setMaxRows(1);
        try (ResultSet rows = statement.executeQuery(check.sql())) {
          measured = rows.next() ? String.valueOf(rows.getString(1)) : "no row";
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      // never the URL's password: the message names the check and the database's own words
      throw new IllegalStateException("data-integrity check " + check.name() + " could not run (" + e.getSQLState()
          + "): " + e.getMessage(), e);
    }
    return verdict(check, measured, SOURCE_SQL + ": " + check.sql());
  }

  private CheckResult http(IntegrityProperties.Check check) {
    String source = SOURCE_HTTP + ": GET " + check.url() + (check.jsonPointer() == null ? "" : " " + check.jsonPointer());
    HttpRequest request = HttpRequest.newBuilder(check.url()).timeout(timeout).GET()
        .header("Accept", "application/json").header("User-Agent", "changegate-integrity").build();
    HttpResponse<String> response;
    try {
      response = client.obtain().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new CheckResult(name(check), false, "no answer: " + e.getClass().getSimpleName(), expected(check),
          source);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + check.name(), e);
    }
    if (response.statusCode() / 100 != 2) {
      return new CheckResult(name(check), false, "status " + response.statusCode(), expected(check), source);
    }
    String measured = response.body();
    if (check.jsonPointer() != null && !check.jsonPointer().isBlank()) {
      try {
        JsonNode node = json.readTree(response.body()).at(check.jsonPointer());
        measured = node.isMissingNode() ? "missing " + check.jsonPointer()
            : node.isValueNode() ? node.asText() : node.toString();
      } catch (IOException e) {
        return new CheckResult(name(check), false, "not JSON", expected(check), source);
      }
    }
    return verdict(check, measured, source);
  }

  private static CheckResult verdict(IntegrityProperties.Check check, String measured, String source) {
    return new CheckResult(name(check), matches(check.expect(), measured), abbreviate(measured), expected(check),
        source);
  }

  static boolean matches(String expected, String measured) {
    if (expected == null || measured == null) {
      return expected == null && measured == null;
    }
    try {
      return new BigDecimal(expected.trim()).compareTo(new BigDecimal(measured.trim())) == 0;
    } catch (NumberFormatException notNumbers) {
      return expected.equals(measured);
    }
  }

  private static String name(IntegrityProperties.Check check) {
    return "data-integrity " + check.name();
  }

  private static String expected(IntegrityProperties.Check check) {
    return "= " + check.expect();
  }

  private static String abbreviate(String text) {
    return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
