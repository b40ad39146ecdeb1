package io.changegate.refresh;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.postgres.PostgresDatabase;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import io.changegate.support.Timelines;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The standard change {@code environment-refresh} over real HTTP against a real PostgreSQL (127.0.0.1:5432): the
 * source database stands for production, each target environment has its own database; the command adapter copies
 * with pg_dump | psql and anonymizes with psql (application-test.yaml), and the verification query runs through the
 * target's read-only JDBC data source. A full anonymization completes the change; an incomplete one fails the
 * verification and the change ends FAILED; a refresh aimed at production (by kind or by classification) is refused
 * with 400 and nothing is stored. Where no PostgreSQL answers the class is skipped (CI: fails), as the other
 * PostgreSQL tests; the databases have fixed names (the test profile's refresh settings name them), so a PostgreSQL
 * advisory lock keeps two builds on one server from running this class at the same time.
 */
@ChangegateIntegrationTest
@ExtendWith(PostgresDatabase.class)
class EnvironmentRefreshApiTest {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final List<String> DATABASES = List.of("refresh-source", "refresh-qa", "refresh-partial");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private static Connection lock;

  @BeforeAll
  static void databases() throws SQLException {
    lock = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
    try (Statement sql = lock.createStatement()) {
      sql.execute("SELECT pg_advisory_lock(hashtext('changegate-environment-refresh-it'))");
    }
    try (Connection postgres = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
        Statement sql = postgres.createStatement()) {
      for (String database : DATABASES) {
        sql.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        sql.execute("CREATE DATABASE \"" + database + "\"");
      }
    }
    try (Connection source = DriverManager.getConnection(SERVER + "refresh-source", "postgres", null);
        Statement sql = source.createStatement()) {
      sql.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL)");
      sql.execute("INSERT INTO customer VALUES (1, 'Ada Lovelace', 'ada@example.com'),"
          + " (2, 'Alan Turing', 'alan@example.org'), (3, 'Grace Hopper', 'grace@example.net')");
    }
  }

  @AfterAll
  static void dropDatabases() throws SQLException {
    try (Connection postgres = lock; Statement sql = postgres.createStatement()) {
      for (String database : DATABASES) {
        sql.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
      }
    }
  }

  private Http as(String user) {
    return Http.as(port, user);
  }

  /** The target environment in the catalog (added once; the shared context keeps it). */
  private void environment(String name, String kind, String classification) {
    if (as("admin").get("/api/environments/" + name).status() == 404) {
      Http.Response created = as("admin").post("/api/environments", map("name", name, "kind", kind,
          "ownerGroup", "operations", "allowedAdapters", List.of("sandbox"), "dataClassification", classification,
          "capacity", 2));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }
  }

  private static Map<String, Object> refresh(String environment) {
    return map("title", "Refresh " + environment + " from production", "service", "customer-data",
        "environment", environment, "impact", "LOW", "urgency", "LOW",
        "standardChangeTemplate", "environment-refresh");
  }

  private JsonNode await(String id) {
    return Await.until(Duration.ofSeconds(90), () -> as("auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), id + " to finish");
  }

  private static long count(String database, String query) throws SQLException {
    try (Connection target = DriverManager.getConnection(SERVER + database, "postgres", null);
        Statement sql = target.createStatement(); ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void aRefreshCopiesAnonymizesAndKeepsTheVerificationAsEvidence() throws SQLException {
    environment("refresh-qa", "TEST", "INTERNAL");

    Http.Response submitted = as("requester").post("/api/changes", refresh("refresh-qa"));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    JsonNode change = await(id);

    assertThat(change.path("type").asText()).isEqualTo("STANDARD");
    assertThat(change.path("status").asText()).as(change.toString()).isEqualTo("COMPLETED");
    assertThat(Timelines.events(change)).contains("ENVIRONMENT_REFRESHED").doesNotContain("DEPLOYED");
    assertThat(count("refresh-qa", "SELECT COUNT(*) FROM customer")).isEqualTo(3);
    assertThat(count("refresh-qa", "SELECT COUNT(*) FROM customer WHERE email LIKE '%@example.invalid'"
        + " AND name LIKE 'Customer %'")).isEqualTo(3);
    assertThat(count("refresh-source", "SELECT COUNT(*) FROM customer WHERE name = 'Ada Lovelace'"))
        .as("production is only read").isEqualTo(1);

    JsonNode evidence = as("auditor").get("/api/changes/" + id + "/refresh").json();
    assertThat(evidence.path("verified").asBoolean()).as(evidence.toString()).isTrue();
    assertThat(evidence.path("simulated").asBoolean()).isFalse();
    assertThat(evidence.path("adapter").asText()).isEqualTo("command");
    assertThat(evidence.path("source").asText()).isEqualTo("production");
    assertThat(evidence.path("observed").asText()).isEqualTo("0");
    assertThat(evidence.path("expected").asText()).isEqualTo("0");
    assertThat(evidence.path("query").asText()).contains("FROM customer");
    assertThat(evidence.path("evidenceSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(evidence.path("evidence").path("copy").path("exitCode").asInt()).isZero();
    assertThat(evidence.path("evidence").path("anonymization").path("outputSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(evidence.path("evidence").path("verification").path("querySha256").asText())
        .isEqualTo(RefreshService.sha256(evidence.path("query").asText()));
    String stored = jdbc.sql("SELECT evidence FROM changegate_refresh WHERE change_id = ?").param(id)
        .query(String.class).single();
    assertThat(RefreshService.sha256(stored)).isEqualTo(evidence.path("evidenceSha256").asText());
  }

  @Test
  void anIncompleteAnonymizationFailsTheVerificationAndTheChange() {
    environment("refresh-partial", "DEVELOPMENT", "INTERNAL");

    String id = as("requester").post("/api/changes", refresh("refresh-partial")).json().path("id").asText();
    JsonNode change = await(id);

    assertThat(change.path("status").asText()).as(change.toString()).isEqualTo("FAILED");
    assertThat(Timelines.events(change)).contains("ENVIRONMENT_REFRESH_FAILED").doesNotContain("ENVIRONMENT_REFRESHED");
    JsonNode evidence = as("auditor").get("/api/changes/" + id + "/refresh").json();
    assertThat(evidence.path("verified").asBoolean()).isFalse();
    assertThat(evidence.path("observed").asText()).as("three customers keep their names").isEqualTo("3");
    assertThat(evidence.path("evidence").path("anonymization").path("succeeded").asBoolean()).isTrue();
  }

  @Test
  void aRefreshAimedAtProductionIsRefusedAndNothingIsStored() {
    environment("refresh-restricted", "TEST", "RESTRICTED");
    long before = jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single();

    Http.Response production = as("requester").post("/api/changes", refresh("production"));
    assertThat(production.status()).as(production.toString()).isEqualTo(400);
    assertThat(production.header("Content-Type")).startsWith("application/problem+json");
    assertThat(production.body()).contains("environment").contains("production environment");

    Http.Response restricted = as("requester").post("/api/changes", refresh("refresh-restricted"));
    assertThat(restricted.status()).as(restricted.toString()).isEqualTo(400);
    assertThat(restricted.body()).contains("RESTRICTED").contains("production-grade");

    Http.Response unverifiable = as("admin").post("/api/changes", refresh("qa"));
    assertThat(unverifiable.status()).as(unverifiable.toString()).isEqualTo(400);
    assertThat(unverifiable.body()).contains("no verification data source");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void aChangeThatIsNoRefreshHasNoRefreshEvidence() {
    assertThat(as("auditor").get("/api/changes/CHG-999999999/refresh").status()).isEqualTo(404);
  }
}
