package io.changegate.rollback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.changegate.support.Http.map;
import static io.changegate.support.Timelines.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.changegate.rollback.EvidenceStore;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.MailServer;
import io.changegate.support.Reviews;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Rollback rehearsals over real HTTP with the real engine: a HIGH-risk production change waits for the rehearsed
 * rollback of its digest in staging (its sign-offs refused until then, the forms showing the rehearsal); a rehearsal
 * restores the stateful components of the runbook as ordered tasks for operations, tells the service's incident channel
 * (a webhook on WireMock) and the requester (e-mail through GreenMail) at its start, as it goes and at its end, and
 * preserves a metrics snapshot and the service's last log lines (Loki's documented {@code query_range} answer on
 * WireMock; the demo's metrics adapter is the sandbox, so the snapshot says "simulated" — the Prometheus range query
 * itself is tested in PrometheusMetricsAdapterTest); a rehearsed staging digest still qualifies for production.
 */
@ChangegateIntegrationTest
@SuppressWarnings("unchecked")
class RollbackRehearsalApiTest {

  static final int PORT = 29541;
  static final String SERVICE = "catalog-service";
  static final String HOOK = "/hooks/incident";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final GreenMailExtension mail = MailServer.extension();
  static WireMockServer systems;

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @BeforeAll
  static void startSystems() {
    systems = new WireMockServer(options().port(PORT).bindAddress("127.0.0.1"));
    systems.start();
    systems.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));
    // Loki's documented answer of GET /loki/api/v1/query_range: streams, each value [nanoseconds as text, line]
    long now = Instant.now().getEpochSecond() * 1_000_000_000L;
    systems.stubFor(get(urlPathEqualTo("/loki/api/v1/query_range")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("""
            {"status":"success","data":{"resultType":"streams","result":[
              {"stream":{"service":"catalog-service","environment":"staging","pod":"a"},
               "values":[["%d","level=error msg=\\"ledger write timed out\\""],["%d","level=info msg=started"]]},
              {"stream":{"service":"catalog-service","environment":"staging","pod":"b"},
               "values":[["%d","level=warn msg=\\"retrying payment 42\\""]]}],
             "stats":{"summary":{"totalLinesProcessed":3}}}}""".formatted(now - 1_000, now - 3_000, now - 2_000))));
  }

  @AfterAll
  static void stopSystems() {
    systems.stop();
  }

  @Test
  void aHighRiskProductionChangeIsRefusedItsSignOffsUntilTheRollbackOfItsDigestWasRehearsedInStaging()
      throws Exception {
    Reviews reviews = new Reviews(port, tasks);
    Map<String, Object> artifact = map("name", SERVICE, "version", "2.0.0", "digest", Changes.newDigest());
    Map<String, Object> production = new LinkedHashMap<>(Changes.normal("Risky ledger release"));
    production.put("service", SERVICE);
    production.put("artifact", artifact);
    production.put("runbook", map("preChecks", List.of("On-call acknowledged"), "steps", List.of("Sync"),
        "postChecks", List.of("Synthetic check green"), "rollbackSteps", List.of("Roll back")));
    String id = submit(production);
    reviews.passFmea(id, "requester", Reviews.highRiskWorksheet());
    Task review = reviews.awaitTask(id, Reviews.REVIEW_RUNBOOK);
    assertThat(reviews.complete("reviewer", review.getId(), verifiedRunbook()).status()).isEqualTo(204);

    // no rehearsal: operations get a task, the timeline says why, the sign-offs do not start
    Task rehearse = reviews.awaitTask(id, "Task_RehearseRollback");
    assertThat(tasks.createTaskQuery().taskId(rehearse.getId()).taskCandidateGroup("operations").count()).isEqualTo(1);
    assertThat(event(change(id), "ROLLBACK_REHEARSAL_MISSING").path("details").path("reason").asText())
        .contains(artifact.get("digest").toString(), "rehearsed in staging");
    Http.Response refused = reviews.complete("ops-engineer", rehearse.getId(), Map.of());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("rehearse-rollback");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF).count())
        .isZero();

    // staging: the same digest deployed and validated, then rolled back on purpose
    String staging = rehearsedInStaging(artifact);

    Http.Response accepted = reviews.complete("ops-engineer", rehearse.getId(), Map.of());
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
    Task signOff = reviews.awaitTask(id, Reviews.SIGN_OFF);
    String shown = (String) tasks.getVariable(signOff.getId(), "rollbackRehearsal");
    assertThat(shown).contains("Rehearsed in staging by " + staging, "Time to restore:", "Data consistency: passed",
        "error-rate: passed");
    assertThat(event(change(id), "ROLLBACK_REHEARSAL_FOUND").path("details").path("rehearsedBy").asText())
        .isEqualTo(staging);
  }

  @Test
  void aStatefulSectionWhoseCheckpointDoesNotFitItsKindIsRefused() {
    Map<String, Object> change = new LinkedHashMap<>(Changes.standard("Queue with a snapshot of a cache"));
    change.put("runbook", map("steps", List.of("Sync"), "stateful", List.of(
        map("kind", "DATABASE", "name", "ledger-db", "checkpoint", "OFFSET", "restore", "reset offsets"))));

    Http.Response refused = Http.as(port, "requester").post("/api/changes", change);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("runbook.stateful[0]", "the checkpoint does not fit the kind");
  }

  @Test
  void aRehearsedStagingDigestStillQualifiesForPromotionAndAnOrdinaryRollbackDoesNot() {
    Map<String, Object> rehearsedArtifact = map("name", SERVICE, "version", "2.1.0", "digest", Changes.newDigest());
    String staging = submit(stagingChange("Rehearsed quietly", rehearsedArtifact, false));
    await(staging, "COMPLETED");
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + staging + "/rehearse-rollback",
        map("reason", "quarterly drill")).status()).isEqualTo(202);
    await(staging, "ROLLED_BACK");
    Map<String, Object> promoted = new LinkedHashMap<>(stagingChange("Promoted after rehearsal", rehearsedArtifact,
        false));
    promoted.put("environment", "production");
    JsonNode production = await(submit(promoted), "COMPLETED|FAILED|ROLLED_BACK");
    assertThat(production.path("status").asText()).as(events(production).toString()).isEqualTo("COMPLETED");
    assertThat(event(production, "DEPLOYMENT_PLANNED").path("details").path("validatedBy").asText())
        .isEqualTo(staging);

    Map<String, Object> brokenArtifact = map("name", SERVICE, "version", "2.2.0", "digest", Changes.newDigest());
    String broken = submit(stagingChange("Rolled back for real", brokenArtifact, false));
    await(broken, "COMPLETED");
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + broken + "/rollback", map("reason", "errors"))
        .status()).isEqualTo(202);
    await(broken, "ROLLED_BACK");
    Map<String, Object> notPromoted = new LinkedHashMap<>(stagingChange("Not promoted", brokenArtifact, false));
    notPromoted.put("environment", "production");
    JsonNode refused = await(submit(notPromoted), "COMPLETED|FAILED|ROLLED_BACK");
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(events(refused)).contains("PROMOTION_REFUSED");
    // a rehearsal only of a completed change outside production
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + broken + "/rehearse-rollback", "{}").status())
        .isEqualTo(409);
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + production.path("id").asText()
        + "/rehearse-rollback", "{}").status()).isEqualTo(409);
  }

  /**
   * A staging change of the digest with two stateful sections, deployed, then rehearsed: the sections are ordered
   * tasks for operations only, the incident channel and the requester hear the course, the evidence holds metrics and
   * log lines. The staging change's id.
   */
  private String rehearsedInStaging(Map<String, Object> artifact) throws Exception {
    Reviews reviews = new Reviews(port, tasks);
    String staging = submit(stagingChange("Rehearsal of the ledger release", artifact, true));
    await(staging, "COMPLETED");
    assertThat(Http.as(port, "requester").post("/api/changes/" + staging + "/rehearse-rollback", "{}").status())
        .isEqualTo(403);
    Http.Response asked = Http.as(port, "ops-engineer").post("/api/changes/" + staging + "/rehearse-rollback",
        map("reason", "rehearsal before the production release"));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + staging + "/rehearse-rollback", "{}").status())
        .as("once").isEqualTo(409);

    Task first = reviews.awaitTask(staging, "UserTask_RestoreStatefulComponent");
    assertThat(tasks.getVariables(first.getId())).containsEntry("statefulPosition", "1 of 2")
        .containsEntry("statefulKind", "DATABASE").containsEntry("statefulName", "ledger-db")
        .containsEntry("statefulCheckpoint", "SNAPSHOT");
    assertThat(reviews.complete("requester", first.getId(), Map.of("comment", Map.of("value", "done"))).status())
        .as("operations only").isIn(400, 403);
    assertThat(reviews.complete("ops-engineer", first.getId(), Map.of()).status()).as("comment required")
        .isEqualTo(400);
    assertThat(reviews.complete("ops-engineer", first.getId(),
        Map.of("comment", Map.of("value", "snapshot ledger-pre-2.0 restored, row counts match"))).status())
        .isEqualTo(204);
    Task second = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(staging)
        .taskDefinitionKey("UserTask_RestoreStatefulComponent").list(),
        l -> !l.isEmpty() && !l.get(0).getId().equals(first.getId()), "the second stateful task").get(0);
    assertThat(tasks.getVariables(second.getId())).containsEntry("statefulPosition", "2 of 2")
        .containsEntry("statefulKind", "CACHE").containsEntry("statefulCheckpoint", "FLUSH");
    assertThat(reviews.complete("ops-lead", second.getId(),
        Map.of("comment", Map.of("value", "session cache flushed"))).status()).isEqualTo(204);

    JsonNode rolledBack = await(staging, "ROLLED_BACK|FAILED");
    assertThat(rolledBack.path("status").asText()).isEqualTo("ROLLED_BACK");
    assertThat(events(rolledBack)).containsSubsequence("COMPLETED", "ROLLBACK_REHEARSAL_REQUESTED",
        "ROLLBACK_REQUESTED", "ROLLING_BACK", "EVIDENCE_PRESERVED", "TARGET_ROLLED_BACK",
        "STATEFUL_COMPONENT_RESTORED", "STATEFUL_COMPONENT_RESTORED", "RECOVERY_VERIFIED", "ROLLED_BACK",
        "ROLLBACK_REHEARSED");
    JsonNode rehearsed = event(rolledBack, "ROLLBACK_REHEARSED").path("details");
    assertThat(rehearsed.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(rehearsed.path("timeToRestoreSeconds").asDouble()).isPositive();
    assertThat(rehearsed.path("consistencyPassed").asBoolean()).isTrue();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(staging).taskDefinitionKey("UserTask_WritePostmortem")
        .count()).as("a rehearsal needs no postmortem").isZero();

    // the evidence: a metrics snapshot and the service's last log lines, hashed like the rest
    JsonNode items = Http.as(port, "auditor").get("/api/changes/" + staging + "/evidence").json()
        .path("bundles").get(0).path("items");
    Map<String, JsonNode> byName = new HashMap<>();
    items.forEach(item -> byName.put(item.path("name").asText(), item));
    JsonNode metrics = JSON.readTree(byName.get("metrics-snapshot.json").path("content").asText());
    assertThat(metrics.path("source").asText()).isEqualTo("sandbox (simulated)");
    assertThat(metrics.path("series").findValuesAsText("metric")).contains("error-rate", "latency-p95-ms");
    assertThat(metrics.path("series").get(0).path("samples").size()).isGreaterThan(1);
    String logs = byName.get("logs/" + SERVICE + ".log").path("content").asText();
    assertThat(logs).contains("# source: loki http://127.0.0.1:" + PORT)
        .containsSubsequence("level=info msg=started", "retrying payment 42", "ledger write timed out");
    for (String name : List.of("metrics-snapshot.json", "logs/" + SERVICE + ".log", "stateful-components.json")) {
      assertThat(byName.get(name).path("sha256").asText()).as(name)
          .isEqualTo(EvidenceStore.sha256(byName.get(name).path("content").asText()));
    }
    systems.verify(getRequestedFor(urlPathEqualTo("/loki/api/v1/query_range"))
        .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
            "{service=\"catalog-service\",environment=\"staging\"}"))
        .withQueryParam("direction", com.github.tomakehurst.wiremock.client.WireMock.equalTo("backward")));

    // the incident channel and the requester: start, progress, end
    for (String said : List.of("Rollback started: " + staging, "Rollback progress: " + staging,
        "Rollback ended: " + staging)) {
      Await.until(Duration.ofSeconds(30), () -> systems.findAll(postRequestedFor(urlEqualTo(HOOK))
          .withRequestBody(containing(said))).size(), n -> n >= 1, "the incident channel told '" + said + "'");
    }
    assertThat(systems.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(containing(staging))
        .withRequestBody(containing("stateful component")))).hasSize(2);
    MailServer.await(mail, "requester@changegate.local", "Rollback started: " + staging);
    MailServer.await(mail, "requester@changegate.local", "Rollback progress: " + staging);
    MailServer.await(mail, "requester@changegate.local", staging + " Rehearsal of the ledger release was rolled back");
    return staging;
  }

  private static Map<String, Object> stagingChange(String title, Map<String, Object> artifact, boolean stateful) {
    Map<String, Object> change = new LinkedHashMap<>(Changes.standard(title));
    change.put("service", SERVICE);
    change.put("artifact", artifact);
    if (stateful) {
      change.put("runbook", map("steps", List.of("Sync"), "stateful", List.of(
          map("kind", "DATABASE", "name", "ledger-db", "checkpoint", "SNAPSHOT",
              "restore", "restore snapshot ledger-pre-2.0, compare row counts"),
          map("kind", "CACHE", "name", "session-cache", "checkpoint", "FLUSH", "restore", "flush the session cache"))));
    }
    return change;
  }

  private static Map<String, Object> verifiedRunbook() {
    Map<String, Object> variables = new HashMap<>(Reviews.decision("APPROVE", null));
    for (String flag : List.of("preChecksVerified", "stepsVerified", "postChecksVerified", "rollbackStepsVerified")) {
      variables.put(flag, Map.of("value", true));
    }
    return variables;
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private JsonNode await(String id, String statuses) {
    return Await.until(Duration.ofSeconds(60), () -> change(id), c -> c.path("status").asText().matches(statuses),
        id + " to reach " + statuses);
  }

  private static JsonNode event(JsonNode change, String name) {
    JsonNode found = null;
    for (JsonNode e : change.path("timeline")) {
      if (name.equals(e.path("event").asText())) {
        found = e;
      }
    }
    if (found == null) {
      throw new AssertionError("no " + name + " in " + events(change));
    }
    return found;
  }
}
