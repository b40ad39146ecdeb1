package io.changegate.monitoring;

import static io.changegate.support.Timelines.events;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Alertmanager webhook {@code POST /api/alerts} (payload version 4, as Alertmanager 0.25 posts it) on the
 * shared application, and the deployment markers on {@code /actuator/prometheus}.
 */
@ChangegateIntegrationTest
class AlertWebhookApiTest {

  /** application-test.yaml: changegate.monitoring.alerts.token-property = TEST_ALERTS_TOKEN. */
  static final String TOKEN = "alerts-test-secret-4b1d";
  static final String SERVICE = "web-frontend";

  @LocalServerPort int port;

  /** A notification exactly as Alertmanager's webhook receiver sends it (one alert). */
  static String notification(String status, String alertname, String service, String environment) {
    String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return """
        {"receiver":"changegate","status":"%1$s","alerts":[{"status":"%1$s","labels":{"alertname":"%2$s",\
        "environment":"%4$s","service":"%3$s","severity":"critical"},"annotations":{"summary":"5xx above 5%%"},\
        "startsAt":"%5$s","endsAt":"0001-01-01T00:00:00Z",\
        "generatorURL":"http://prometheus:9090/graph?g0.expr=rate%%28http_requests_total%%5B1m%%5D%%29",\
        "fingerprint":"%6$s"}],"groupLabels":{"alertname":"%2$s"},"commonLabels":{"alertname":"%2$s",\
        "environment":"%4$s","service":"%3$s","severity":"critical"},"commonAnnotations":{"summary":"5xx above 5%%"},\
        "externalURL":"http://alertmanager:9093","version":"4",\
        "groupKey":"{}:{alertname=\\"%2$s\\"}","truncatedAlerts":0}"""
        .formatted(status, alertname, service, environment, Instant.now().toString(), fingerprint);
  }

  private Http.Response post(String authorization, String body) {
    HttpRequest.Builder request = Http.anonymous(port).request("/api/alerts")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return Http.anonymous(port).send(request);
  }

  private Http.Response alert(String body) {
    return post("Bearer " + TOKEN, body);
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private static Map<String, Object> standardChange(String title, String version, Integer stabilizationMinutes) {
    Map<String, Object> change = Changes.standard(title);
    change.put("service", SERVICE);
    ((Map<String, Object>) change.get("artifact")).putAll(map("name", SERVICE, "version", version));
    if (stabilizationMinutes != null) {
      change.put("validation", map("stabilizationMinutes", stabilizationMinutes));
    }
    return change;
  }

  @Test
  void withoutTheWebhookSecretAPostIsRefused401() {
    String body = notification("firing", "HighErrorRate", "nothing-runs-here", "staging");

    assertThat(post(null, body).status()).isEqualTo(401);
    assertThat(post("Bearer wrong-secret", body).status()).isEqualTo(401);
    assertThat(post(Http.basic("alertmanager", "wrong-secret"), body).status()).isEqualTo(401);
    // a Changegate login does not open the webhook
    Http.Response asAdmin = post(Http.basic("admin", "admin"), body);
    assertThat(asAdmin.status()).isEqualTo(401);
    assertThat(asAdmin.header("Content-Type")).startsWith("application/problem+json");
    assertThat(asAdmin.header("WWW-Authenticate")).startsWith("Bearer");
    // HTTP Basic with the webhook user and its secret is accepted, like the bearer token
    assertThat(post(Http.basic("alertmanager", TOKEN), body).status()).isEqualTo(200);
  }

  @Test
  void aMalformedPayloadAnswers400ProblemJson() {
    Http.Response notJson = alert("{\"version\": \"4\", \"alerts\": [");
    Http.Response wrongVersion = alert("{\"version\": \"3\", \"status\": \"firing\", \"alerts\": []}");
    Http.Response noAlerts = alert("{\"version\": \"4\", \"status\": \"firing\"}");
    Http.Response badAlert = alert("{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [{\"status\": \"burning\"}]}");

    for (Http.Response response : List.of(notJson, wrongVersion, noAlerts, badAlert)) {
      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(wrongVersion.json().path("errors").toString()).contains("version");
    assertThat(noAlerts.json().path("errors").toString()).contains("alerts");
    assertThat(badAlert.json().path("errors").toString()).contains("alerts[0].status", "alerts[0].labels");
  }

  @Test
  void anAlertThatMatchesNoValidatingChangeIsRecordedAndAnswered200() {
    Http.Response answer = alert(notification("firing", "DiskFull", "ledger-nothing-deploys", "production"));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("received").asInt()).isEqualTo(1);
    assertThat(answer.json().path("alerts").get(0).path("outcome").asText()).isEqualTo("UNMATCHED");

    JsonNode recorded = Http.as(port, "auditor").get("/api/alerts").json();
    JsonNode mine = null;
    for (JsonNode alert : recorded) {
      if ("ledger-nothing-deploys".equals(alert.path("service").asText())) {
        mine = alert;
        break;
      }
    }
    assertThat(mine).as(recorded.toString()).isNotNull();
    assertThat(mine.path("alertname").asText()).isEqualTo("DiskFull");
    assertThat(mine.path("outcome").asText()).isEqualTo("UNMATCHED");
    assertThat(mine.path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(Http.as(port, "requester").get("/api/alerts").status()).isEqualTo(403);

    Http.Response resolved = alert(notification("resolved", "DiskFull", "ledger-nothing-deploys", "production"));
    assertThat(resolved.json().path("alerts").get(0).path("outcome").asText()).isEqualTo("RESOLVED");
  }

  @Test
  void aFiringAlertForTheServiceDuringStabilizationRollsTheChangeBack() {
    String id = submit(standardChange("Stabilizing, then an alert fires", "8.1.0", 5));
    Await.until(Duration.ofSeconds(60), () -> events(change(id)), e -> e.contains("STABILIZING"),
        id + " to stabilize");
    JsonNode stabilizing = change(id);
    assertThat(stabilizing.path("status").asText()).isEqualTo("VALIDATING");

    Http.Response answer = alert(notification("firing", "HighErrorRate", SERVICE, "staging"));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode outcome = answer.json().path("alerts").get(0);
    assertThat(outcome.path("outcome").asText()).isEqualTo("ROLLBACK_TRIGGERED");
    assertThat(outcome.path("changes").toString()).contains(id);
    JsonNode done = Await.until(Duration.ofSeconds(60), () -> change(id),
        c -> c.path("status").asText().matches("ROLLED_BACK|FAILED"), id + " to be rolled back");
    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("ROLLED_BACK");
    assertThat(events(done)).containsSubsequence("VALIDATED", "STABILIZING", "ALERT_FIRING", "ROLLING_BACK",
        "EVIDENCE_PRESERVED", "TARGET_ROLLED_BACK", "RECOVERY_VERIFIED", "ROLLED_BACK");
    assertThat(events(done)).doesNotContain("COMPLETED");
    JsonNode alertEntry = null;
    for (JsonNode e : done.path("timeline")) {
      if ("ALERT_FIRING".equals(e.path("event").asText())) {
        alertEntry = e;
      }
    }
    assertThat(alertEntry.path("actor").asText()).isEqualTo("alertmanager");
    assertThat(alertEntry.path("details").path("alertname").asText()).isEqualTo("HighErrorRate");
  }

  @Test
  void aDeploymentLeavesItsMarkerOnActuatorPrometheusAndEachCheckItsMeasuredValueOnTheTimeline() {
    String id = submit(standardChange("Marker", "8.2.0", 0));
    JsonNode done = Await.until(Duration.ofSeconds(60), () -> change(id),
        c -> c.path("status").asText().matches("COMPLETED|ROLLED_BACK|FAILED"), id + " to finish");
    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("COMPLETED");

    String metrics = Http.metrics(port).body();

    assertThat(metrics).containsPattern("changegate_deployment_timestamp_seconds\\{environment=\"staging\","
        + "service=\"" + SERVICE + "\",version=\"8.2.0\"} [0-9.E]+");
    assertThat(metrics).contains("changegate_deployments_total{environment=\"staging\",result=\"DEPLOYED\",service=\""
        + SERVICE + "\"}");
    assertThat(metrics).contains("changegate_validations_total{environment=\"staging\",result=\"passed\",service=\""
        + SERVICE + "\"}");
    assertThat(metrics).containsPattern("changegate_changes_total\\{status=\"COMPLETED\",type=\"STANDARD\"}");
    JsonNode validated = null;
    for (JsonNode e : done.path("timeline")) {
      if ("VALIDATED".equals(e.path("event").asText())) {
        validated = e;
      }
    }
    assertThat(validated.path("details").path("checks")).isNotEmpty();
    for (JsonNode check : validated.path("details").path("checks")) {
      assertThat(check.path("measured").asText()).isNotBlank();
      assertThat(check.path("threshold").asText()).isNotBlank();
    }
  }

  @Test
  void aRealAlertmanagerDeliversAFiringAlertThatRollsTheStabilizingChangeBack() {
    AlertmanagerServer.assumeInstalled();
    String id = submit(standardChange("Stabilizing, Alertmanager reports", "8.3.0", 5));
    Await.until(Duration.ofSeconds(60), () -> events(change(id)), e -> e.contains("STABILIZING"),
        id + " to stabilize");

    try (AlertmanagerServer alertmanager = AlertmanagerServer.start("http://127.0.0.1:" + port + "/api/alerts",
        TOKEN)) {
      alertmanager.fire("LatencyHigh", SERVICE, "staging");

      JsonNode done = Await.until(Duration.ofSeconds(60), () -> change(id),
          c -> c.path("status").asText().matches("ROLLED_BACK|FAILED|COMPLETED"), id + " to be rolled back");
      assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("ROLLED_BACK");
      assertThat(events(done)).containsSubsequence("STABILIZING", "ALERT_FIRING", "ROLLING_BACK", "ROLLED_BACK");
    }
    JsonNode recorded = Http.as(port, "ops-engineer").get("/api/alerts").json();
    boolean found = false;
    for (JsonNode alert : recorded) {
      found |= "LatencyHigh".equals(alert.path("alertname").asText())
          && "ROLLBACK_TRIGGERED".equals(alert.path("outcome").asText())
          && alert.path("changes").toString().contains(id);
    }
    assertThat(found).as(recorded.toString()).isTrue();
  }
}
