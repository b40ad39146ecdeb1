package io.changegate.featureflag;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.changegate.support.Http.map;
import static io.changegate.support.Timelines.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.sun.net.httpserver.HttpServer;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Release safety over real HTTP with the real engine: a canary checked before its promotion, a feature flag enabled
 * in stages through the Unleash adapter and switched off when a stage fails, a data-integrity checkpoint that rolls
 * the change back. Unleash is a WireMock server answering like Unleash's documented Admin API on the port of the
 * test configuration (the adapter's calls were also checked against a real Unleash: {@code UnleashFlagAdapterTest});
 * the canary and the feature's health are endpoints of this test; the ledger is an H2 database.
 */
@ChangegateIntegrationTest
class ReleaseSafetyApiTest {

  static final String TOKEN = "*:*.unleash-test-token-91c0";
  static final String FLAGS = "/api/admin/projects/default/features/";
  static final WireMockServer UNLEASH = new WireMockServer(options().port(29531));
  static HttpServer service;
  static volatile String breaksAtFiftyPercent = "";

  @LocalServerPort int port;

  @BeforeAll
  static void start() throws IOException {
    UNLEASH.start();
    service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    service.createContext("/canary/healthy", exchange -> answer(exchange, 200, "canary ok"));
    service.createContext("/canary/broken", exchange -> answer(exchange, 503, "canary broken"));
    // the feature's health: broken while the flag under test is at 50 % in Unleash (set, and not switched off since)
    service.createContext("/health", exchange -> {
      boolean broken = !breaksAtFiftyPercent.isEmpty() && !UNLEASH.findAll(WireMock.anyRequestedFor(
          urlPathMatching(FLAGS + breaksAtFiftyPercent + "/environments/development/strategies.*"))
          .withRequestBody(matchingJsonPath("$.parameters.rollout", equalTo("50")))).isEmpty()
          && UNLEASH.findAll(postRequestedFor(urlEqualTo(FLAGS + breaksAtFiftyPercent
              + "/environments/development/off"))).isEmpty();
      answer(exchange, broken ? 500 : 200, broken ? "feature broken" : "ok");
    });
    service.start();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes();
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterAll
  static void stop() {
    UNLEASH.stop();
    service.stop(0);
  }

  @BeforeEach
  void unleashAnswersAsDocumented() {
    UNLEASH.resetAll();
    // a flag with Changegate's flexibleRollout strategy already in place (updated with PUT)
    UNLEASH.stubFor(get(urlEqualTo(FLAGS + "new-checkout/environments/development/strategies"))
        .withHeader("Authorization", equalTo(TOKEN))
        .willReturn(okJson("[{\"id\":\"b7f6e1c2-5a0d-4a7e-9d8e-0c1f2a3b4c5d\",\"name\":\"flexibleRollout\","
            + "\"title\":\"changegate\",\"constraints\":[],\"parameters\":{\"rollout\":\"0\","
            + "\"stickiness\":\"default\",\"groupId\":\"new-checkout\"},\"segments\":[],\"disabled\":false}]")));
    // a flag without a strategy yet (one is added with POST)
    UNLEASH.stubFor(get(urlEqualTo(FLAGS + "risky-search/environments/development/strategies"))
        .withHeader("Authorization", equalTo(TOKEN)).willReturn(okJson("[]")));
    UNLEASH.stubFor(post(urlPathMatching(FLAGS + "[^/]+/environments/development/strategies"))
        .withHeader("Authorization", equalTo(TOKEN))
        .willReturn(okJson("{\"id\":\"0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a\",\"name\":\"flexibleRollout\"}")));
    UNLEASH.stubFor(put(urlPathMatching(FLAGS + "[^/]+/environments/development/strategies/[^/]+"))
        .withHeader("Authorization", equalTo(TOKEN)).willReturn(okJson("{}")));
    UNLEASH.stubFor(post(urlPathMatching(FLAGS + "[^/]+/environments/development/(on|off)"))
        .withHeader("Authorization", equalTo(TOKEN)).willReturn(aResponse().withStatus(200)));
    breaksAtFiftyPercent = "";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + service.getAddress().getPort() + path;
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode await(String id) {
    return Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("COMPLETED|ROLLED_BACK|FAILED"), id + " to end");
  }

  private static List<JsonNode> entries(JsonNode change, String name) {
    List<JsonNode> found = new ArrayList<>();
    change.path("timeline").forEach(e -> {
      if (name.equals(e.path("event").asText())) {
        found.add(e);
      }
    });
    assertThat(found).as(name + " in " + events(change)).isNotEmpty();
    return found;
  }

  private static Map<String, Object> stages(String flag, int... percents) {
    List<Object> stages = new ArrayList<>();
    for (int percent : percents) {
      stages.add(map("percent", percent, "validationMinutes", 0, "holdMinutes", 0));
    }
    return map("flagKey", flag, "provider", "unleash", "stages", stages);
  }

  @Test
  void aCanaryThatPassesIsPromotedAndTheFlagIsEnabledStageByStage() {
    Map<String, Object> change = Changes.standard("Checkout behind a flag");
    change.put("preTraffic", map("previewUrl", url("/canary/healthy")));
    change.put("flagRollout", stages("new-checkout", 10, 50, 100));
    change.put("validation", map("syntheticChecks", List.of(map("url", url("/health")))));

    JsonNode done = await(submit(change));

    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("COMPLETED");
    assertThat(events(done)).containsSubsequence("ROLLOUT_HEALTHY", "PRE_TRAFFIC_CHECKED", "TRAFFIC_PROMOTED",
        "VALIDATED", "FLAG_STAGE_SET", "VALIDATED", "FLAG_STAGE_SET", "VALIDATED", "FLAG_STAGE_SET", "VALIDATED",
        "FLAG_ROLLOUT_COMPLETED", "COMPLETED");
    assertThat(entries(done, "FLAG_STAGE_SET")).extracting(e -> e.path("details").path("percent").asInt())
        .containsExactly(10, 50, 100);
    assertThat(entries(done, "PRE_TRAFFIC_CHECKED").get(0).path("details").path("checks").get(0)
        .path("measured").asText()).startsWith("status 200");
    // Unleash was asked as documented: the strategy updated to each percentage, the flag turned on, never off
    for (String percent : List.of("10", "50", "100")) {
      UNLEASH.verify(putRequestedFor(urlEqualTo(FLAGS
          + "new-checkout/environments/development/strategies/b7f6e1c2-5a0d-4a7e-9d8e-0c1f2a3b4c5d"))
          .withRequestBody(matchingJsonPath("$.name", equalTo("flexibleRollout")))
          .withRequestBody(matchingJsonPath("$.parameters.rollout", equalTo(percent))));
    }
    UNLEASH.verify(3, postRequestedFor(urlEqualTo(FLAGS + "new-checkout/environments/development/on")));
    UNLEASH.verify(0, postRequestedFor(urlEqualTo(FLAGS + "new-checkout/environments/development/off")));
  }

  @Test
  void aFlagStageThatFailsSwitchesTheFlagOffAndRollsTheChangeBack() {
    breaksAtFiftyPercent = "risky-search";
    Map<String, Object> change = Changes.standard("Search behind a flag");
    change.put("flagRollout", stages("risky-search", 1, 50, 100));
    change.put("validation", map("syntheticChecks", List.of(map("url", url("/health")))));

    JsonNode rolledBack = await(submit(change));

    assertThat(rolledBack.path("status").asText()).as(events(rolledBack).toString()).isEqualTo("ROLLED_BACK");
    assertThat(events(rolledBack)).containsSubsequence("FLAG_STAGE_SET", "VALIDATED", "FLAG_STAGE_SET",
        "VALIDATION_FAILED", "FLAG_STAGE_FAILED", "FLAG_SWITCHED_OFF", "ROLLING_BACK", "TARGET_ROLLED_BACK",
        "RECOVERY_VERIFIED", "ROLLED_BACK");
    assertThat(events(rolledBack)).doesNotContain("FLAG_ROLLOUT_COMPLETED", "COMPLETED");
    JsonNode failed = entries(rolledBack, "FLAG_STAGE_FAILED").get(0).path("details");
    assertThat(failed.path("stage").asInt()).isEqualTo(2);
    assertThat(failed.path("percent").asInt()).isEqualTo(50);
    JsonNode off = entries(rolledBack, "FLAG_SWITCHED_OFF").get(0).path("details");
    assertThat(off.path("percentBefore").asInt()).isEqualTo(50);
    assertThat(off.path("switchedOff").asBoolean()).isTrue();
    // the strategy was added (no strategy before), set to 1 % and 50 %, never 100 %; then the flag went off
    UNLEASH.verify(2, postRequestedFor(urlEqualTo(FLAGS + "risky-search/environments/development/strategies")));
    UNLEASH.verify(0, postRequestedFor(urlEqualTo(FLAGS + "risky-search/environments/development/strategies"))
        .withRequestBody(matchingJsonPath("$.parameters.rollout", equalTo("100"))));
    UNLEASH.verify(1, postRequestedFor(urlEqualTo(FLAGS + "risky-search/environments/development/off")));
    UNLEASH.verify(getRequestedFor(urlEqualTo(FLAGS + "risky-search/environments/development/strategies"))
        .withHeader("Authorization", equalTo(TOKEN)));
  }

  @Test
  void aCanaryCheckThatFailsStopsThePromotionAndRollsTheChangeBack() {
    Map<String, Object> change = Changes.standard("Broken canary");
    change.put("preTraffic", map("checks", List.of(map("url", url("/canary/broken"), "expectStatus", 200),
        map("url", url("/canary/healthy")))));
    change.put("flagRollout", stages("new-checkout", 10, 100));

    JsonNode rolledBack = await(submit(change));

    assertThat(rolledBack.path("status").asText()).as(events(rolledBack).toString()).isEqualTo("ROLLED_BACK");
    assertThat(events(rolledBack)).containsSubsequence("ROLLOUT_HEALTHY", "PRE_TRAFFIC_FAILED", "ROLLING_BACK",
        "ROLLED_BACK");
    assertThat(events(rolledBack)).doesNotContain("TRAFFIC_PROMOTED", "VALIDATED", "FLAG_STAGE_SET",
        "FLAG_SWITCHED_OFF");
    JsonNode checks = entries(rolledBack, "PRE_TRAFFIC_FAILED").get(0).path("details").path("checks");
    assertThat(checks.get(0).path("passed").asBoolean()).isFalse();
    assertThat(checks.get(0).path("measured").asText()).startsWith("status 503");
    assertThat(checks.get(1).path("passed").asBoolean()).isTrue();
    UNLEASH.verify(0, WireMock.anyRequestedFor(urlPathMatching("/api/admin/.*")));
  }

  @Test
  void aDataIntegrityCheckpointThatFindsBadDataRollsTheChangeBackWithMeasuredAndExpected() throws SQLException {
    String ledger = "jdbc:h2:mem:catalog-ledger-staging;DB_CLOSE_DELAY=-1;INIT=CREATE TABLE IF NOT EXISTS"
        + " ledger_posting (id INT PRIMARY KEY, amount_cents BIGINT NOT NULL)";
    try (Connection connection = DriverManager.getConnection(ledger, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM ledger_posting");
      statement.executeUpdate("INSERT INTO ledger_posting VALUES (1, 1500), (2, -700), (3, -20)");
    }
    try {
      Map<String, Object> change = Changes.standard("Ledger rounding fix");
      change.put("service", "catalog-service");

      JsonNode rolledBack = await(submit(change));

      assertThat(rolledBack.path("status").asText()).as(events(rolledBack).toString()).isEqualTo("ROLLED_BACK");
      assertThat(events(rolledBack)).containsSubsequence("DEPLOYED", "DATA_INTEGRITY_FAILED", "VALIDATION_FAILED",
          "ROLLING_BACK", "ROLLED_BACK");
      JsonNode check = entries(rolledBack, "DATA_INTEGRITY_FAILED").get(0).path("details").path("checks").get(0);
      assertThat(check.path("check").asText()).isEqualTo("data-integrity no-negative-postings");
      assertThat(check.path("measured").asText()).isEqualTo("2");
      assertThat(check.path("threshold").asText()).isEqualTo("= 0");
      assertThat(check.path("source").asText()).contains("SELECT COUNT(*) FROM ledger_posting");
    } finally {
      try (Connection connection = DriverManager.getConnection(ledger, "sa", "");
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("DELETE FROM ledger_posting");
      }
    }
    // with the ledger clean, the same service passes its checkpoint
    Map<String, Object> clean = Changes.standard("Ledger rounding fix, again");
    clean.put("service", "catalog-service");
    JsonNode completed = await(submit(clean));
    assertThat(completed.path("status").asText()).as(events(completed).toString()).isEqualTo("COMPLETED");
    assertThat(entries(completed, "VALIDATED").get(0).path("details").path("checks").toString())
        .contains("data-integrity no-negative-postings");
  }

  @Test
  void badFlagRolloutsAndPreTrafficBlocksAreRefusedWithEveryField() {
    Map<String, Object> change = Changes.standard("Bad stages");
    change.put("flagRollout", map("flagKey", "new checkout!", "provider", "launchdarkly", "stages", List.of(
        map("percent", 10), map("percent", 10), map("percent", 150), map("percent", 0))));
    change.put("preTraffic", map("previewUrl", "ftp://canary"));

    Http.Response refused = Http.as(port, "requester").post("/api/changes", change);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    refused.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).contains("flagRollout.flagKey", "flagRollout.provider", "flagRollout.stages[1].percent",
        "flagRollout.stages[2].percent", "flagRollout.stages[3].percent", "preTraffic.previewUrl");

    change.put("flagRollout", map("flagKey", "new-checkout", "stages", List.of()));
    change.remove("preTraffic");
    Http.Response empty = Http.as(port, "requester").post("/api/changes", change);
    assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
    assertThat(empty.body()).contains("flagRollout.stages");
  }
}
