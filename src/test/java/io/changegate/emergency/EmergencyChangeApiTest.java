package io.changegate.emergency;

import io.changegate.change.ChangeProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.delivery.feedback.FeedbackProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Emergency changes over real HTTP: operations start them with the Tasklist start form's REST
 * equivalent, the ECAB approves (never the initiator), it deploys at once, and the CAB reviews it.
 */
@ChangegateIntegrationTest
class EmergencyChangeApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;

  @Test
  void operationsStartAnEmergencyTheEcabApprovesItDeploysAndTheCabReviews() {
    Http.Response started = startForm("ops-engineer", startVariables("Hotfix card declines", "payments-api"));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String id = started.json().path("businessKey").asText();
    assertThat(id).matches("CHG-\\d+");

    JsonNode change = Http.as(port, "ops-engineer").get("/api/changes/" + id).json();
    assertThat(change.path("type").asText()).isEqualTo("EMERGENCY");
    assertThat(change.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(change.path("requester").asText()).isEqualTo("ops-engineer");
    assertThat(change.path("emergencyJustification").asText()).contains("declines");
    Task ecab = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult();
    assertThat(ecab.getTaskDefinitionKey()).isEqualTo("Task_EcabApproval");
    assertThat(ecab.getDueDate()).isBefore(java.util.Date.from(Instant.now().plus(Duration.ofMinutes(31))));

    Http.Response approved = complete("cab-chair", ecab.getId(), "APPROVE", "go");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(204);

    Task pir = Await.until(Duration.ofSeconds(30),
        () -> tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("Task_PostImplementationReview")
            .singleResult(), t -> t != null, "the post-implementation review of " + id);
    assertThat(tasks.createTaskQuery().taskId(pir.getId()).taskCandidateGroup("cab").count()).isOne();
    JsonNode deployed = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(deployed.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(deployed.path("deployments")).hasSize(1);
    assertThat(deployed.path("approvals").get(0).path("who").asText()).isEqualTo("cab-chair");

    Http.Response reviewed = Http.as(port, "cab-chair").post("/engine-rest/task/" + pir.getId() + "/complete",
        "{\"variables\":{\"pirVerdict\":{\"value\":\"ACCEPTED\"}}}");
    assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(204);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKeyNotIn(FeedbackProcess.CHANGE_FEEDBACK).count()).as("only its feedback goes on").isZero();
    assertThat(events(Http.as(port, "auditor").get("/api/changes/" + id).json()))
        .contains("SUBMITTED", "CLASSIFIED", "DECISION", "DEPLOYED", "COMPLETED", "PIR_RECORDED");
  }

  @Test
  void anApprovedEmergencyDeploysInsideABlackoutAndTheOverrideIsRecorded() {
    String service = "freeze-probe-" + System.nanoTime() % 100000;
    java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
    Http.Response freeze = Http.as(port, "cab-chair").post("/api/blackouts", Http.map(
        "title", "Quarter-end freeze", "start", now.minusHours(1).withNano(0).toString(),
        "end", now.plusHours(2).withNano(0).toString(), "timeZone", "UTC", "service", service,
        "reason", "quarter-end close"));
    assertThat(freeze.status()).as(freeze.toString()).isEqualTo(201);
    String id = startForm("ops-engineer", startVariables("Hotfix during the freeze", service)).json()
        .path("businessKey").asText();

    complete("cab-chair", tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId(), "APPROVE",
        "go, freeze or not");

    JsonNode change = Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id)
        .json(), c -> c.path("status").asText().equals("COMPLETED"), id + " deployed inside the freeze");
    JsonNode override = null;
    for (JsonNode event : change.path("timeline")) {
      if (event.path("event").asText().equals("BLACKOUT_OVERRIDDEN")) {
        override = event;
      }
    }
    assertThat(override).as("timeline of " + id).isNotNull();
    assertThat(override.path("details").path("window").asText()).contains("Quarter-end freeze");
    assertThat(override.path("details").path("justification").asText()).contains("declines");
    assertThat(jdbc.sql("SELECT blackout_override FROM changegate_emergency WHERE change_id = ?").param(id)
        .query(String.class).single()).contains("Quarter-end freeze");
  }

  @Test
  void requesterCannotStartAnEmergencyChange() {
    long before = history.createHistoricProcessInstanceQuery().processDefinitionKey("emergency-change").count();

    Http.Response refused = startForm("requester", startVariables("Not allowed", "payments-api"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("emergency-change").count())
        .isEqualTo(before);
  }

  @Test
  void theInitiatorCannotApproveTheirOwnEmergency() {
    String id = startForm("ops-lead", startVariables("My own hotfix", "catalog-service")).json()
        .path("businessKey").asText();
    Task ecab = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult();

    Http.Response claim = Http.as(port, "ops-lead").post("/engine-rest/task/" + ecab.getId() + "/claim",
        "{\"userId\":\"ops-lead\"}");
    Http.Response approve = complete("ops-lead", ecab.getId(), "APPROVE", "trust me");

    assertThat(claim.status()).as(claim.toString()).isEqualTo(400);
    assertThat(claim.json().path("message").asText()).contains("segregation of duties");
    assertThat(approve.status()).as(approve.toString()).isEqualTo(400);
    assertThat(approve.json().path("message").asText()).contains("ops-lead requested " + id);
    Task still = tasks.createTaskQuery().taskId(ecab.getId()).singleResult();
    assertThat(still).isNotNull();
    assertThat(still.getAssignee()).isNull();
    assertThat(Http.as(port, "auditor").get("/api/changes/" + id).json().path("status").asText())
        .isEqualTo("IN_REVIEW");
  }

  @Test
  void anInvalidStartFormStartsNothingAndStoresNothing() {
    long changes = jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single();
    Map<String, Object> variables = startVariables("Bad digest", "payments-api");
    variables.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", "md5:0000"));
    variables.put(ChangeProcess.SERVICE.name(), Map.of("value", "x; rm -rf /"));

    Http.Response refused = startForm("ops-engineer", variables);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("artifact.digest").contains("service");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single()).isEqualTo(changes);
  }

  @Test
  void anEmergencyStartedInTasklistCanBeCancelled() {
    String id = startForm("ops-engineer", startVariables("Cancel me", "web-frontend")).json()
        .path("businessKey").asText();

    Http.Response cancelled = Http.as(port, "ops-engineer").post("/api/changes/" + id + "/cancel",
        Http.map("reason", "incident resolved itself"));

    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
  }

  @Test
  void abusesAndTheEmergencyShareAreCounted() {
    Instant from = Instant.now().minusSeconds(1);
    String service = "abuse-probe-" + System.nanoTime() % 100000;
    String id = startForm("ops-engineer", startVariables("Could have waited", service)).json()
        .path("businessKey").asText();
    Http.as(port, "requester").post("/api/changes", Changes.normal("An ordinary change"));
    complete("cab-chair", tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId(), "APPROVE",
        "ok");
    Task pir = Await.until(Duration.ofSeconds(30),
        () -> tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("Task_PostImplementationReview")
            .singleResult(), t -> t != null, "the review of " + id);
    Http.Response noReason = Http.as(port, "cab-chair").post("/engine-rest/task/" + pir.getId() + "/complete",
        "{\"variables\":{\"pirVerdict\":{\"value\":\"SHOULD_HAVE_BEEN_NORMAL\"}}}");
    assertThat(noReason.status()).isEqualTo(400);
    Http.as(port, "cab-chair").post("/engine-rest/task/" + pir.getId() + "/complete",
        "{\"variables\":{\"pirVerdict\":{\"value\":\"SHOULD_HAVE_BEEN_NORMAL\"},"
            + "\"comment\":{\"value\":\"a config change that could wait for Monday\"}}}");

    JsonNode stats = Http.as(port, "auditor").get("/api/changes/stats?from=" + from + "&to="
        + Instant.now().plusSeconds(1)).json();

    assertThat(stats.path("totalChanges").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(stats.path("emergencyChanges").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.path("emergencyShare").asDouble()).isBetween(0.0, 1.0).isPositive();
    assertThat(stats.path("abusesByService").toString()).contains("\"key\":\"" + service + "\",\"count\":1");
    assertThat(stats.path("abusesByRequester").toString()).contains("ops-engineer");
    assertThat(Http.as(port, "auditor").get("/api/changes/stats?from=2026-12-01&to=2026-11-01").status())
        .isEqualTo(400);
    assertThat(Http.as(port, "auditor").get("/api/changes/stats?from=yesterday").status()).isEqualTo(400);
  }

  private Http.Response startForm(String user, Map<String, Object> variables) {
    return Http.as(port, user).post("/engine-rest/process-definition/key/emergency-change/submit-form",
        Http.map("variables", variables));
  }

  private Http.Response complete(String user, String taskId, String decision, String comment) {
    return Http.as(port, user).post("/engine-rest/task/" + taskId + "/complete",
        Http.map("variables", Http.map("decision", Map.of("value", decision), "comment", Map.of("value", comment))));
  }

  private static Map<String, Object> startVariables(String title, String service) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ChangeProcess.TITLE.name(), Map.of("value", title));
    v.put(ChangeProcess.SERVICE.name(), Map.of("value", service));
    // staging: first in the promotion order, so a new digest may go there without an earlier stage
    v.put(ChangeProcess.ENVIRONMENT.name(), Map.of("value", "staging"));
    v.put(EmergencyProcess.ARTIFACT_NAME.name(), Map.of("value", service));
    v.put(EmergencyProcess.ARTIFACT_VERSION.name(), Map.of("value", "2.0.1"));
    v.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", Changes.newDigest()));
    v.put(ChangeProcess.IMPACT.name(), Map.of("value", "HIGH"));
    v.put(ChangeProcess.INCIDENT_REFERENCE.name(), Map.of("value", "INC-4711"));
    v.put(ChangeProcess.JUSTIFICATION.name(), Map.of("value", "Card payments declines for 30% of customers"));
    v.put(EmergencyProcess.ERROR_RATE_MAX.name(), Map.of("value", 0.02, "type", "Double"));
    return v;
  }

  private static java.util.List<String> events(JsonNode change) {
    java.util.List<String> events = new java.util.ArrayList<>();
    change.path("timeline").forEach(e -> events.add(e.path("event").asText()));
    return events;
  }
}
