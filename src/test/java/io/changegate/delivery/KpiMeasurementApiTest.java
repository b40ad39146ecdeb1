package io.changegate.delivery;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * KPIs measured by Changegate over real HTTP, driven by the measurement timer of the shared context (every second;
 * the second measurement 3 s after the deployment instead of 72 h): a KPI with PromQL gets a BEFORE measurement at
 * its deployment and an AFTER one when its time has come, through the active monitoring adapter — the sandbox in the
 * shared context, which answers "no data" and says so; the real Prometheus answer is {@code PrometheusKpiReadTest}.
 * A KPI without PromQL is not measured.
 */
@ChangegateIntegrationTest
class KpiMeasurementApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private static boolean measuredBoth(JsonNode m) {
    // a null field is left out of the JSON: a planned measurement has no measuredAt
    return m.size() == 2 && m.get(0).hasNonNull("measuredAt") && m.get(1).hasNonNull("measuredAt");
  }

  @Test
  void aKpiWithPromqlIsMeasuredAtTheDeploymentAndAgainAfterTheConfiguredDelay() throws Exception {
    String service = "kpi-" + Long.toString(System.nanoTime(), 36);
    String id = "CHG-6" + Long.toString(System.nanoTime() % 100_000_000L);
    Instant deployed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    new DeliveryHistoryFixture(jdbc).deployment(id, service, "growth", "production", false,
        deployed.minusSeconds(3600).toString(), null, deployed.toString(), "COMPLETED", null);

    Http http = Http.as(port, "requester");
    Http.Response recorded = http.send(http.request("/api/changes/" + id + "/outcomes")
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map("kpis", List.of(
                map("name", "conversion", "unit", "%", "better", "HIGHER",
                    "promql", "sum(rate(checkout_completed_total[1h]))"),
                map("name", "nps", "better", "HIGHER", "before", 31)))))));
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

    JsonNode measured = Await.until(Duration.ofSeconds(30),
        () -> Http.as(port, "auditor").get("/api/changes/" + id + "/outcomes").json(),
        o -> measuredBoth(o.path("kpis").get(0).path("measurements")),
        "both measurements of " + id);
    JsonNode conversion = measured.path("kpis").get(0);
    assertThat(conversion.path("name").asText()).isEqualTo("conversion");
    JsonNode before = conversion.path("measurements").get(0);
    JsonNode after = conversion.path("measurements").get(1);
    assertThat(before.path("phase").asText()).isEqualTo("BEFORE");
    assertThat(Instant.parse(before.path("dueAt").asText())).isEqualTo(deployed);
    assertThat(after.path("phase").asText()).isEqualTo("AFTER");
    assertThat(Instant.parse(after.path("dueAt").asText())).isEqualTo(deployed.plusSeconds(3));
    assertThat(Instant.parse(after.path("measuredAt").asText())).isAfterOrEqualTo(deployed.plusSeconds(3));
    // the sandbox measures no KPI: no invented value, and it says who answered
    assertThat(before.hasNonNull("value")).isFalse();
    assertThat(before.path("source").asText()).startsWith("sandbox");
    assertThat(before.path("error").asText()).isEqualTo("no data");
    assertThat(measured.path("kpis").get(1).path("measurements")).as("no PromQL, nothing to measure").isEmpty();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE change_id = ? AND action = 'KPI_MEASURED'")
        .param(id).query(Long.class).single()).isEqualTo(2);
    // measured once each: the timer does not take a measurement twice
    Thread.sleep(1500);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE change_id = ? AND action = 'KPI_MEASURED'")
        .param(id).query(Long.class).single()).isEqualTo(2);
  }
}
