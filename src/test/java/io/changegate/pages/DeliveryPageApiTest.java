package io.changegate.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.delivery.DeliveryHistoryFixture;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.PageSession;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery page over real HTTP with a session login: DORA keys with tiers for a known history, trend charts and
 * value-stream bars as inline SVG with titles and tables, the Excel link with the same filter, outcomes beside
 * failures, improvement actions; only for the metrics readers; a bad filter answers 400 with its errors.
 */
@ChangegateIntegrationTest
class DeliveryPageApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void theMetricsReadersSeeKeysTiersChartsOutcomesAndActionsOfTheFilteredService() {
    String service = "page-" + Long.toString(System.nanoTime(), 36);
    String base = "CHG-8" + Long.toString(System.nanoTime() % 100_000_000L);
    DeliveryHistoryFixture fixture = new DeliveryHistoryFixture(jdbc);
    // four production deployments in May 2025, one rolled back (25 % change failure rate)
    fixture.deployment(base + "1", service, "storefront", "production", false, "2025-05-05T08:00:00Z",
        "2025-05-05T06:00:00Z", "2025-05-05T10:00:00Z", "COMPLETED", null);
    fixture.deployment(base + "2", service, "storefront", "production", false, "2025-05-12T08:00:00Z",
        "2025-05-12T06:00:00Z", "2025-05-12T10:00:00Z", "ROLLED_BACK", null);
    fixture.deployment(base + "3", service, "storefront", "production", false, "2025-05-19T08:00:00Z",
        "2025-05-19T06:00:00Z", "2025-05-19T10:00:00Z", "COMPLETED", null);
    fixture.deployment(base + "4", service, "storefront", "production", false, "2025-05-26T08:00:00Z",
        "2025-05-26T06:00:00Z", "2025-05-26T10:00:00Z", "COMPLETED", null);
    Http.Response action = Http.as(port, "ops-engineer").post("/api/improvement-actions", Http.map(
        "changeId", base + "2", "title", "Canary the " + service + " release", "owner", "ops-engineer",
        "dueDate", "2025-06-15", "source", "POSTMORTEM"));
    assertThat(action.status()).as(action.toString()).isEqualTo(201);

    PageSession auditor = new PageSession(port).logIn("auditor");
    assertThat(auditor.get("/").body()).as("the navigation links the page").contains("href=\"/delivery\"");
    PageSession.Page page = auditor.get("/delivery?service=" + service + "&from=2025-05-01&to=2025-06-01");
    assertThat(page.status()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("<h1>Delivery performance</h1>", "<strong>4</strong> deployments")
        .contains("Change failure rate").contains("25.00")
        .contains("Overall tier: <strong>")
        .contains("href=\"/api/reports/dora.xlsx?service=" + service + "&amp;from=2025-05-01&amp;to=2025-06-01"
            + "&amp;groupBy=service&amp;zone=UTC\"");
    // per group: the service with its tier and the key that holds it back
    assertThat(body).contains("<th scope=\"row\">" + service + "</th>");
    // a trend chart per key, accessible: role img, title and desc, and the figures as a table
    assertThat(count(body, "<svg ")).isEqualTo(6);
    assertThat(count(body, "role=\"img\"")).isEqualTo(6);
    assertThat(body).contains("<title id=\"trend-deploymentFrequency-title\">Deployment frequency (deployments per week)"
        + "</title>").contains("id=\"trend-deploymentFrequency-desc\"")
        .contains("aria-labelledby=\"trend-changeFailureRate-title trend-changeFailureRate-desc\"")
        .contains("<summary>Change failure rate as a table</summary>")
        .contains("<title id=\"value-stream-title\">");
    assertThat(Pattern.compile("<polyline class=\"line\" points=\"[0-9., ]+\"").matcher(body).find()).isTrue();
    // outcomes next to failures; the improvement action
    assertThat(body).contains(">" + base + "2</a>").contains("ROLLED_BACK")
        .contains("Canary the " + service + " release").contains("ops-engineer");
    // no inline script: every script is the app's own file
    Matcher scripts = Pattern.compile("<script[^>]*>").matcher(body);
    while (scripts.find()) {
      assertThat(scripts.group()).contains("src=\"/pages/");
    }
    assertThat(body).doesNotContain(" onclick=", " onload=", "javascript:", "https://cdn");

    PageSession.Page team = auditor.get("/delivery?team=storefront&groupBy=team&from=2025-05-01&to=2025-06-01");
    assertThat(team.body()).contains("<th scope=\"row\">storefront</th>").contains("Per team");

    PageSession.Page bad = auditor.get("/delivery?from=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("The filter is not valid").contains("aria-invalid=\"true\"");

    PageSession.Page empty = auditor.get("/delivery?service=" + service + "&from=2024-01-01&to=2024-02-01");
    assertThat(empty.body()).contains("<strong>0</strong> deployments").contains("No deployment in the period.")
        .contains("no data");
  }

  @Test
  void theValueStreamOfChangesRunByTheEngineIsDrawnAsBars() {
    Http.Response created = Http.as(port, "requester").post("/api/changes", Changes.standard("Value stream bars"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), id + " to finish");

    String body = new PageSession(port).logIn("cab-chair").get("/delivery?service=payments-api&environment=staging")
        .body();
    assertThat(body).contains("<title id=\"value-stream-title\">Wait and work per stage (median hours per change)")
        .contains("<rect class=\"wait\"").contains("<rect class=\"work\"")
        .contains("<th scope=\"row\">rollout</th>");
    assertThat(Pattern.compile("<desc id=\"value-stream-desc\">[^<]*rollout: wait [0-9.]+ h, work [0-9.]+ h")
        .matcher(body).find()).as("the bars read out as text").isTrue();
  }

  @Test
  void developersDoNotSeeTheOrganisationsDeliveryMetrics() {
    PageSession requester = new PageSession(port).logIn("requester");
    assertThat(requester.get("/").body()).doesNotContain("href=\"/delivery\"");
    PageSession.Page refused = requester.get("/delivery");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("Delivery metrics are for operations");
    PageSession.Page anonymous = new PageSession(port).get("/delivery");
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).endsWith("/login");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
