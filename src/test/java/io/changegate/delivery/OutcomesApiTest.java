package io.changegate.delivery;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** KPIs and experiments of changes over real HTTP, and the report that puts them beside each deployment's failure. */
@ChangegateIntegrationTest
class OutcomesApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Http.Response put(String user, String path, Object body) {
    Http http = Http.as(port, user);
    return http.send(http.request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  private static String json(Object body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void kpisAndTheExperimentStandBesideTheDeploymentsFailure() {
    String service = "outcome-" + Long.toString(System.nanoTime(), 36);
    String good = "CHG-7" + Long.toString(System.nanoTime() % 100_000_000L);
    String bad = good + "1";
    DeliveryHistoryFixture fixture = new DeliveryHistoryFixture(jdbc);
    fixture.deployment(good, service, "growth", "production", false, "2025-04-01T00:00:00Z", null,
        "2025-04-02T00:00:00Z", "COMPLETED", null);
    fixture.deployment(bad, service, "growth", "production", false, "2025-04-03T00:00:00Z", null,
        "2025-04-04T00:00:00Z", "ROLLED_BACK", null);

    Http.Response recorded = put("requester", "/api/changes/" + good + "/outcomes", map(
        "kpis", List.of(
            map("name", "checkout conversion", "unit", "%", "better", "HIGHER", "before", 2.0, "after", 2.4,
                "promql", "sum(rate(checkout_completed_total[1h])) / sum(rate(checkout_started_total[1h]))"),
            map("name", "p95 latency", "unit", "ms", "better", "LOWER", "before", 300, "after", 350)),
        "experiment", map("reference", "exp-checkout-v2", "verdict", "WIN")));

    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
    assertThat(recorded.json().path("kpis").findValuesAsText("improved")).containsExactly("true", "false");
    assertThat(recorded.json().path("verdict").asText()).isEqualTo("WIN");
    JsonNode report = Http.as(port, "auditor").get("/api/metrics/outcomes?service=" + service
        + "&from=2025-04-01&to=2025-04-30").json();
    assertThat(report).hasSize(2);
    assertThat(report.get(0).path("changeId").asText()).isEqualTo(good);
    assertThat(report.get(0).path("kpis")).hasSize(2);
    assertThat(report.get(0).path("experiment").asText()).isEqualTo("exp-checkout-v2");
    assertThat(report.get(1).path("failure").asText()).isEqualTo("ROLLED_BACK");
    assertThat(report.get(1).path("kpis")).isEmpty();
    assertThat(Http.as(port, "reviewer").get("/api/changes/" + good + "/outcomes").json().path("kpis")).hasSize(2);
  }

  @Test
  void invalidOutcomesAreRefusedAndOnlyDeliveryRecordsThem() {
    Http.Response bad = put("requester", "/api/changes/CHG-000001/outcomes", map(
        "kpis", List.of(map("name", "", "better", "UP")), "experiment", map("reference", "x", "verdict", "MAYBE")));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field"))
        .contains("kpis[0].name", "kpis[0].better", "experiment.verdict");
    assertThat(put("auditor", "/api/changes/CHG-000001/outcomes", map("experiment",
        map("reference", "x", "verdict", "WIN"))).status()).isEqualTo(403);
    assertThat(Http.as(port, "requester").get("/api/metrics/outcomes").status()).isEqualTo(403);
  }
}
