package io.changegate.monitoring;

import static io.changegate.support.Timelines.events;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The acceptance with a real Prometheus: Debian's {@code prometheus} scrapes a target this test controls
 * ({@link MetricsTarget}) every second, and the application (its own context, database and engine name) validates
 * changes through the Prometheus adapter. Healthy → COMPLETED; error rate above the threshold → ROLLED_BACK with
 * the measured value on the timeline; a breach during the stabilization period → ROLLED_BACK; a failing synthetic
 * transaction → ROLLED_BACK with what it measured; Prometheus down → retries, then an incident, never a pass.
 * Runs in the surefire execution {@code isolated-contexts}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles({"demo", "test"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusValidationIntegrationTest {

  static final String SERVICE = "payments-api";
  static final String ENVIRONMENT = "staging";
  static MetricsTarget target;
  static PrometheusServer prometheus;
  static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeAll
  static void startPrometheus() {
    PrometheusServer.assumeInstalled();
    target = new MetricsTarget();
    prometheus = PrometheusServer.start(target.port());
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @DynamicPropertySource
  static void monitoring(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:changegate-prometheus;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("camunda.bpm.process-engine-name", () -> "prometheusvalidation");
    registry.add("changegate.monitoring.adapter", () -> "prometheus");
    registry.add("changegate.monitoring.prometheus.url", () -> prometheus.url());
    registry.add("changegate.monitoring.prometheus.window", () -> "10s");
    registry.add("changegate.monitoring.prometheus.timeout", () -> "PT2S");
    registry.add("changegate.monitoring.defaults.min-requests", () -> "50");
    registry.add("changegate.deployment.validation-interval", () -> "PT1S");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;

  /**
   * A standard change of payments-api to its own sandbox target, which ran {@code previous} before (what the
   * rollback restores and the recovery check measures): both versions are served, the previous one healthy.
   */
  private Map<String, Object> change(String version, double errorRate, Map<String, Object> validation) {
    String targetName = "checkout-" + NAMES.incrementAndGet();
    String previous = version + "-previous";
    jdbc.sql("INSERT INTO changegate_sandbox_release (target_name, environment, version, digest, change_id,"
            + " deployed_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(targetName, ENVIRONMENT, previous, Changes.newDigest(), "CHG-0", OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    target.serve(SERVICE, ENVIRONMENT, previous, 0.0, 0.04);
    target.serve(SERVICE, ENVIRONMENT, version, errorRate, 0.04);
    // three scrapes of both versions: every rate() of the validation and of the recovery check has data
    for (String v : List.of(version, previous)) {
      prometheus.awaitData("count_over_time(http_requests_total{version=\"" + v + "\",code=\"500\"}[10s]) >= 3",
          Duration.ofSeconds(30));
    }
    Map<String, Object> change = Changes.standard("Release " + version);
    ((Map<String, Object>) change.get("artifact")).put("version", version);
    change.put("targets", List.of(map("adapter", "sandbox", "name", targetName)));
    if (validation != null) {
      change.put("validation", validation);
    }
    return change;
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode read(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private JsonNode awaitEnd(String id) {
    return Await.until(Duration.ofSeconds(90), () -> read(id),
        c -> c.path("status").asText().matches("COMPLETED|ROLLED_BACK|FAILED"), id + " to finish");
  }

  private static List<JsonNode> entries(JsonNode change, String event) {
    List<JsonNode> found = new ArrayList<>();
    change.path("timeline").forEach(e -> {
      if (event.equals(e.path("event").asText())) {
        found.add(e);
      }
    });
    return found;
  }

  private static JsonNode check(JsonNode entry, String name) {
    for (JsonNode check : entry.path("details").path("checks")) {
      if (name.equals(check.path("check").asText())) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + entry);
  }

  @Test
  @Order(1)
  void aHealthyTargetCompletesTheChangeWithEveryMeasuredValueOnTheTimeline() {
    String id = submit(change("5.1.0", 0.01, map("syntheticChecks",
        List.of(map("url", target.url("/health"), "expectStatus", 200, "maxLatencyMs", 5000)))));

    JsonNode done = awaitEnd(id);

    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("COMPLETED");
    JsonNode validated = entries(done, "VALIDATED").get(0);
    JsonNode errorRate = check(validated, "error-rate");
    assertThat(errorRate.path("passed").asBoolean()).isTrue();
    assertThat(errorRate.path("measured").asDouble()).isEqualTo(0.01);
    assertThat(errorRate.path("threshold").asText()).isEqualTo("<= 0.05");
    assertThat(errorRate.path("source").asText()).startsWith("prometheus: ").contains("version=\"5.1.0\"");
    assertThat(check(validated, "latency-p95-ms").path("measured").asDouble()).isBetween(25.0, 50.0);
    assertThat(check(validated, "requests").path("measured").asDouble()).isGreaterThanOrEqualTo(50);
    assertThat(check(validated, "synthetic GET " + target.url("/health")).path("measured").asText())
        .startsWith("status 200");
  }

  @Test
  @Order(2)
  void anErrorRateAboveTheThresholdRollsTheChangeBackWithTheMeasuredValue() {
    String id = submit(change("5.2.0", 0.2, null));

    JsonNode done = awaitEnd(id);

    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("ROLLED_BACK");
    assertThat(events(done)).containsSubsequence("VALIDATING", "VALIDATION_FAILED", "ROLLING_BACK",
        "TARGET_ROLLED_BACK", "RECOVERY_VERIFIED", "ROLLED_BACK");
    JsonNode errorRate = check(entries(done, "VALIDATION_FAILED").get(0), "error-rate");
    assertThat(errorRate.path("passed").asBoolean()).isFalse();
    assertThat(errorRate.path("measured").asText()).isEqualTo("0.2");
    assertThat(errorRate.path("threshold").asText()).isEqualTo("<= 0.05");
    // the recovery check measured the restored version
    assertThat(check(entries(done, "RECOVERY_VERIFIED").get(0), "error-rate").path("source").asText())
        .contains("version=\"5.2.0-previous\"");
  }

  @Test
  @Order(3)
  void aBreachDuringTheStabilizationPeriodRollsTheChangeBack() {
    String id = submit(change("5.3.0", 0.0, map("stabilizationMinutes", 2)));
    Await.until(Duration.ofSeconds(60), () -> read(id), c -> entries(c, "VALIDATED").size() >= 3
        || c.path("status").asText().matches("COMPLETED|ROLLED_BACK|FAILED"), id + " to pass three rounds while stabilizing");
    assertThat(entries(read(id), "VALIDATED")).as(events(read(id)).toString()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(read(id).path("status").asText()).isEqualTo("VALIDATING");
    assertThat(events(read(id))).contains("STABILIZING");

    target.serve(SERVICE, ENVIRONMENT, "5.3.0", 0.5, 0.04);
    JsonNode done = awaitEnd(id);

    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("ROLLED_BACK");
    assertThat(events(done)).containsSubsequence("VALIDATED", "STABILIZING", "VALIDATED", "VALIDATION_FAILED",
        "ROLLING_BACK", "ROLLED_BACK").doesNotContain("COMPLETED");
    JsonNode errorRate = check(entries(done, "VALIDATION_FAILED").get(0), "error-rate");
    assertThat(errorRate.path("measured").asDouble()).isGreaterThan(0.05);
  }

  @Test
  @Order(4)
  void aFailingSyntheticTransactionRollsTheChangeBackWithWhatItMeasured() {
    // the validation round's transaction fails; the rollback restores a service that answers again: the recovery
    // check runs the same transaction
    target.healthStatusFor(503, 1);
    try {
      String id = submit(change("5.4.0", 0.0, map("syntheticChecks",
          List.of(map("url", target.url("/health"), "method", "GET", "expectStatus", 200)))));

      JsonNode done = awaitEnd(id);

      assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("ROLLED_BACK");
      JsonNode failed = entries(done, "VALIDATION_FAILED").get(0);
      JsonNode synthetic = check(failed, "synthetic GET " + target.url("/health"));
      assertThat(synthetic.path("passed").asBoolean()).isFalse();
      assertThat(synthetic.path("measured").asText()).startsWith("status 503");
      assertThat(synthetic.path("threshold").asText()).isEqualTo("status 200");
      assertThat(check(failed, "error-rate").path("passed").asBoolean()).isTrue();
    } finally {
      target.healthStatus(200);
    }
  }

  @Test
  @Order(5)
  void prometheusDownRetriesThenRaisesAnIncidentAndNeverPasses() {
    Map<String, Object> change = change("5.5.0", 0.0, null);
    prometheus.stop();
    String id = submit(change);
    String deployment = Await.until(Duration.ofSeconds(60),
        () -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).processDefinitionKey("deployment")
            .list(), list -> !list.isEmpty(), id + "'s deployment").get(0).getId();

    Job failed = Await.until(Duration.ofSeconds(60),
        () -> management.createJobQuery().processInstanceId(deployment).activityId("Task_ValidateDeployment")
            .withException().list(),
        jobs -> !jobs.isEmpty(), id + "'s validation to fail").get(0);
    assertThat(failed.getRetries()).isLessThan(5).isGreaterThan(0);
    assertThat(management.getJobExceptionStacktrace(failed.getId())).contains("/api/v1/query");
    // the retry cycle waits a minute between attempts: run the remaining attempts now
    for (int attempt = 0; attempt < 10 && management.createJobQuery().jobId(failed.getId()).singleResult() != null
        && management.createJobQuery().jobId(failed.getId()).singleResult().getRetries() > 0; attempt++) {
      try {
        management.executeJob(failed.getId());
      } catch (RuntimeException expected) {
        // Prometheus is still down
      }
    }

    List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(deployment)
        .activityId("Task_ValidateDeployment").list();
    assertThat(incidents).as("a Cockpit incident at Validate deployment").isNotEmpty();
    assertThat(incidents.get(0).getIncidentMessage()).contains("/api/v1/query");
    JsonNode change2 = read(id);
    assertThat(change2.path("status").asText()).isEqualTo("VALIDATING");
    assertThat(events(change2)).doesNotContain("VALIDATED", "VALIDATION_FAILED", "COMPLETED");
  }
}
