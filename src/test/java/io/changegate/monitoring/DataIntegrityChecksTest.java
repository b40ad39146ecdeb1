package io.changegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.changegate.monitoring.integrity.DataIntegrityChecks;
import io.changegate.monitoring.integrity.IntegrityProperties;
import io.changegate.outbound.Credentials;
import io.changegate.postgres.PostgresDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.mock.env.MockEnvironment;

/**
 * Data-integrity checkpoints against a real PostgreSQL (the test JVM's own database) and a real HTTP endpoint: the
 * measured value against the expected one, and a query that tries to write refused by the read-only connection.
 */
@ExtendWith(PostgresDatabase.class)
class DataIntegrityChecksTest {

  private DataIntegrityChecks checks(List<IntegrityProperties.Check> checks) {
    IntegrityProperties properties = new IntegrityProperties(Map.of("ledger", new IntegrityProperties.Service(
        new IntegrityProperties.DataSource(PostgresDatabase.URL, PostgresDatabase.USER, null), checks)));
    return new DataIntegrityChecks(properties, new Credentials(new MockEnvironment()), new ObjectMapper(),
        new MonitoringProperties("sandbox", null, null, Duration.ofSeconds(5)));
  }

  @Test
  void measuresEachQueryAgainstItsExpectationAndNeverWrites() throws Exception {
    try (Connection connection = DriverManager.getConnection(PostgresDatabase.URL, PostgresDatabase.USER, "");
        Statement sql = connection.createStatement()) {
      sql.execute("DROP TABLE IF EXISTS integrity_posting");
      sql.execute("CREATE TABLE integrity_posting (id INT PRIMARY KEY, amount_cents BIGINT NOT NULL)");
      sql.execute("INSERT INTO integrity_posting VALUES (1, 1500), (2, -700)");
    }
    HttpServer invariants = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    invariants.createContext("/invariants", exchange -> {
      byte[] body = "{\"books\": {\"balanced\": true, \"drift\": 0.0}}".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    invariants.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + invariants.getAddress().getPort() + "/invariants");
      List<CheckResult> results = checks(List.of(
          new IntegrityProperties.Check("no-negative-postings",
              "SELECT COUNT(*) FROM integrity_posting WHERE amount_cents < 0", null, null, "0"),
          new IntegrityProperties.Check("total", "SELECT SUM(amount_cents) FROM integrity_posting", null, null, "800"),
          new IntegrityProperties.Check("balanced", null, url, "/books/balanced", "true"),
          new IntegrityProperties.Check("no-drift", null, url, "/books/drift", "0"))).run("ledger", "staging");

      assertThat(results).extracting(CheckResult::check, CheckResult::passed, CheckResult::measured,
          CheckResult::threshold).containsExactly(
              org.assertj.core.groups.Tuple.tuple("data-integrity no-negative-postings", false, "1", "= 0"),
              org.assertj.core.groups.Tuple.tuple("data-integrity total", true, "800", "= 800"),
              org.assertj.core.groups.Tuple.tuple("data-integrity balanced", true, "true", "= true"),
              org.assertj.core.groups.Tuple.tuple("data-integrity no-drift", true, "0.0", "= 0"));
      assertThat(results.get(0).source()).contains("SELECT COUNT(*) FROM integrity_posting");
      assertThat(checks(List.of()).run("payments-api", "staging")).as("a service without checkpoints").isEmpty();
    } finally {
      invariants.stop(0);
    }

    // a "check" that writes is refused by the read-only transaction: no verdict, an error the engine retries
    DataIntegrityChecks writing = checks(List.of(new IntegrityProperties.Check("sneaky",
        "DELETE FROM integrity_posting RETURNING id", null, null, "0")));
    assertThatThrownBy(() -> writing.run("ledger", "staging")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sneaky").hasMessageContaining("read-only");
    try (Connection connection = DriverManager.getConnection(PostgresDatabase.URL, PostgresDatabase.USER, "");
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM integrity_posting")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(2);
    }
  }
}
