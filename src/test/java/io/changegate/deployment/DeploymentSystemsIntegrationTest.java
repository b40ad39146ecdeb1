package io.changegate.deployment;

import io.changegate.rollback.RollbackProcess;
import static io.changegate.support.Timelines.events;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeStatus;
import io.changegate.change.Level;
import io.changegate.change.Target;
import io.changegate.rollback.EvidenceStore;
import io.changegate.support.Await;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The acceptance against real HTTP: the application (demo profile, job executor on) deploys through the
 * Argo CD adapter to a WireMock server that answers like the Argo CD API ({@link FakeArgoCd}), and records
 * incidents through the ITSM webhook adapter to the same server. One Spring context for every WireMock test, with
 * its own in-memory database and engine name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles({"demo", "test"})
@ExtendWith(OutputCaptureExtension.class)
class DeploymentSystemsIntegrationTest {

  static final String ARGOCD_TOKEN = "argocd-secret-7f3a9c0e";
  static final String ITSM_TOKEN = "itsm-secret-55e1b2d4";
  static final FakeArgoCd ARGOCD = new FakeArgoCd(ARGOCD_TOKEN);
  static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort().extensions(ARGOCD));

  static {
    WIREMOCK.start();
  }

  @DynamicPropertySource
  static void deploymentSystems(DynamicPropertyRegistry registry) {
    // its own database and engine name: the shared test context (same JVM, job executor on) must neither run
    // these jobs nor be found as the "default" engine by its REST API
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:changegate-deployment-systems;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("camunda.bpm.process-engine-name", () -> "deploymentsystems");
    registry.add("changegate.deployment.argocd.url", WIREMOCK::baseUrl);
    registry.add("changegate.deployment.argocd.token-property", () -> "TEST_ARGOCD_TOKEN");
    registry.add("TEST_ARGOCD_TOKEN", () -> ARGOCD_TOKEN);
    registry.add("changegate.incident.adapter", () -> "webhook");
    registry.add("changegate.incident.webhook.url", () -> WIREMOCK.baseUrl() + "/itsm/incidents");
    registry.add("changegate.incident.webhook.token-property", () -> "TEST_ITSM_TOKEN");
    registry.add("TEST_ITSM_TOKEN", () -> ITSM_TOKEN);
    registry.add("changegate.deployment.environments.staging.max-concurrent-deployments", () -> "2");
    // a deployment endpoint of one's own that answers with the final state, after 2 s (burstToOneTarget…)
    registry.add("changegate.deployment.webhook.url", () -> WIREMOCK.baseUrl() + "/slow-deploy");
    // a waiting change looks again every second besides being handed its slot: the timer races the hand-over
    registry.add("changegate.deployment.slot-poll-interval", () -> "PT1S");
    // the catalog of this context: staging and production also allow Argo CD and the webhook
    environment(registry, 0, "staging", "PRE_PRODUCTION", 1);
    environment(registry, 1, "production", "PRODUCTION", 2);
    // as fast as the systems allow: the fake Argo CD finishes a rollout on its second status read, so the process
    // looks again soon, and the job executor picks a due timer up without backing off for seconds
    registry.add("changegate.deployment.rollout-poll-interval", () -> "PT0.2S");
    registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "100");
    registry.add("camunda.bpm.job-execution.max-wait", () -> "200");
    registry.add("logging.level.io.changegate", () -> "DEBUG");
    registry.add("changegate.drift.enabled", () -> "false");
  }

  private static void environment(DynamicPropertyRegistry registry, int index, String name, String kind,
      int position) {
    String seed = "changegate.environments.seed[" + index + "].";
    registry.add(seed + "name", () -> name);
    registry.add(seed + "kind", () -> kind);
    registry.add(seed + "owner-group", () -> "operations");
    registry.add(seed + "allowed-adapters[0]", () -> "sandbox");
    registry.add(seed + "allowed-adapters[1]", () -> "argocd");
    registry.add(seed + "allowed-adapters[2]", () -> "webhook"); // the slow deployment system of the burst
    registry.add(seed + "promotion-order", () -> String.valueOf(position));
    registry.add(seed + "data-classification", () -> "INTERNAL");
    registry.add(seed + "capacity", () -> "2");
  }

  @AfterAll
  static void stop() {
    WIREMOCK.stop();
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired DeploymentService deployments;
  @Autowired DeploymentRecords records;
  @Autowired ChangeRepository changes;
  @Autowired TransactionTemplate transactions;

  private static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeEach
  void stubs() {
    WIREMOCK.resetAll();
    ARGOCD.reset();
    WIREMOCK.stubFor(any(urlPathMatching("/api/v1/applications/.*"))
        .willReturn(aResponse().withTransformers(FakeArgoCd.NAME)));
    WIREMOCK.stubFor(post(urlEqualTo("/slow-deploy")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)
        .withHeader("Content-Type", "application/json").withBody("{\"accepted\": true}")));
    WIREMOCK.stubFor(post(urlEqualTo("/itsm/incidents")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\": \"INC-1001\", \"url\": \"https://itsm.example/incidents/INC-1001\"}")));
  }

  /** A standard change (template config-toggle) of payments-api with these Argo CD targets. */
  private static Map<String, Object> argoChange(String title, String version, String... targets) {
    Map<String, Object> change = Changes.standard(title);
    ((Map<String, Object>) change.get("artifact")).put("version", version);
    List<Object> list = new ArrayList<>();
    for (String target : targets) {
      list.add(map("adapter", "argocd", "name", target));
    }
    change.put("targets", list);
    return change;
  }

  private static String unique(String name) {
    return name + "-" + NAMES.incrementAndGet();
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode awaitStatus(String id, String... statuses) {
    List<String> wanted = List.of(statuses);
    return Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> wanted.contains(c.path("status").asText()), id + " to reach " + wanted);
  }

  private static List<LoggedRequest> posts(String pathRegex) {
    return WIREMOCK.findAll(postRequestedFor(urlPathMatching(pathRegex)));
  }

  @Test
  void aSyncByHandInArgoCdIsDriftRecordedWithItsStatusTheOwnerToldAndAnIncidentOpened() {
    String api = unique("drifting");
    String id = submit(argoChange("Deployed, then synced by hand", "4.0.0", api));
    assertThat(awaitStatus(id, "COMPLETED", "FAILED", "ROLLED_BACK").path("status").asText()).isEqualTo("COMPLETED");
    Http operations = Http.as(port, "ops-engineer");
    assertThat(operations.post("/api/drift/checks", "{}").json().findValuesAsText("target")).doesNotContain(api);

    ARGOCD.syncedByHand(api + "-staging", "4.0.1-hotfix");
    JsonNode found = operations.post("/api/drift/checks", "{}").json();

    JsonNode finding = null;
    for (JsonNode f : found) {
      if (api.equals(f.path("target").asText())) {
        finding = f;
      }
    }
    assertThat(finding).as(found.toString()).isNotNull();
    assertThat(finding.path("adapter").asText()).isEqualTo("argocd");
    assertThat(finding.path("expectedChange").asText()).isEqualTo(id);
    assertThat(finding.path("expectedVersion").asText()).isEqualTo("4.0.0");
    assertThat(finding.path("actualVersion").asText()).isEqualTo("4.0.1-hotfix");
    assertThat(finding.path("ownerGroup").asText()).isEqualTo("operations");
    assertThat(finding.path("incidentReference").asText()).isEqualTo("INC-1001");
    assertThat(finding.path("evidence").asText()).contains("4.0.1-hotfix", "\"history\"", "argocd");
    assertThat(posts("/itsm/incidents")).anySatisfy(r -> assertThat(r.getBodyAsString())
        .contains("UNAUTHORIZED_CHANGE", api, "4.0.1-hotfix"));
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(events(change)).contains("DRIFT_DETECTED", "INCIDENT_OPENED");
    // found once: the next check does not report it again
    assertThat(operations.post("/api/drift/checks", "{}").json().findValuesAsText("target")).doesNotContain(api);
    assertThat(Http.as(port, "auditor").get("/api/drift?environment=staging").json().findValuesAsText("target")
        .stream().filter(api::equals)).hasSize(1);
  }

  @Test
  void twoTargetsOnArgoCdDeployWaitForHealthyValidateAndComplete(CapturedOutput output) {
    String api = unique("api");
    String worker = unique("worker");
    String id = submit(argoChange("Two targets on Argo CD", "2.0.0", api, worker));

    JsonNode done = awaitStatus(id, "COMPLETED", "FAILED", "ROLLED_BACK");

    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("COMPLETED");
    assertThat(events(done)).containsSubsequence("DEPLOYMENT_PLANNED", "ENVIRONMENT_SLOT_RESERVED", "DEPLOYED",
        "ROLLOUT_HEALTHY", "DEPLOYED", "ROLLOUT_HEALTHY", "ROLLOUTS_HEALTHY", "VALIDATING", "VALIDATED", "COMPLETED");
    assertThat(ARGOCD.revisionOf(api + "-staging")).isEqualTo("2.0.0");
    assertThat(ARGOCD.revisionOf(worker + "-staging")).isEqualTo("2.0.0");
    // one sync each, to the change's revision, with the idempotency key, in the change's order
    List<LoggedRequest> syncs = posts("/api/v1/applications/.*/sync");
    assertThat(syncs).extracting(LoggedRequest::getUrl).containsExactly(
        "/api/v1/applications/" + api + "-staging/sync", "/api/v1/applications/" + worker + "-staging/sync");
    assertThat(syncs.get(0).getBodyAsString()).contains("\"revision\":\"2.0.0\"", "\"dryRun\":false",
        id + ":" + api + ":sha256:");
    assertThat(syncs).allMatch(r -> ("Bearer " + ARGOCD_TOKEN).equals(r.getHeader("Authorization")));
    assertThat(done.path("deployments")).hasSize(2);
    assertThat(done.path("deployments").get(0).path("rollout").asText()).isEqualTo("HEALTHY");
    assertThat(done.path("deployments").get(0).path("previousVersion").asText()).isEqualTo("1.0.0");
    assertNoSecretAnywhere(output);
  }

  @Test
  void aTargetThatTurnsDegradedRollsTheChangeBackWithEvidenceIncidentAndPostmortem(CapturedOutput output) {
    String api = unique("ledger");
    String worker = unique("ledger-worker");
    ARGOCD.degrade(worker + "-staging", "3.0.0");
    String id = submit(argoChange("Second target turns Degraded", "3.0.0", api, worker));

    Await.until(Duration.ofSeconds(60), () -> tasks.createTaskQuery().processInstanceBusinessKey(id).list(),
        list -> !list.isEmpty(), id + " to reach its postmortem");
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();

    assertThat(change.path("status").asText()).as(events(change).toString()).isEqualTo("ROLLED_BACK");
    assertThat(events(change)).containsSubsequence("DEPLOYED", "ROLLOUT_HEALTHY", "DEPLOYED", "ROLLOUT_DEGRADED",
        "ROLLING_BACK", "EVIDENCE_PRESERVED", "INCIDENT_OPENED", "TARGET_ROLLED_BACK", "TARGET_ROLLED_BACK",
        "RECOVERY_VERIFIED", "ROLLED_BACK");
    // rolled back last deployed first, each to the history id that ran before
    List<LoggedRequest> rollbacks = posts("/api/v1/applications/.*/rollback");
    assertThat(rollbacks).extracting(LoggedRequest::getUrl).containsExactly(
        "/api/v1/applications/" + worker + "-staging/rollback", "/api/v1/applications/" + api + "-staging/rollback");
    assertThat(rollbacks).allMatch(r -> r.getBodyAsString().contains("\"id\":1"));
    assertThat(ARGOCD.revisionOf(api + "-staging")).isEqualTo("1.0.0");
    assertThat(ARGOCD.revisionOf(worker + "-staging")).isEqualTo("1.0.0");
    // the time to restore is recorded
    JsonNode rolledBack = lastEvent(change, "ROLLED_BACK");
    assertThat(rolledBack.path("details").path("timeToRestore").asText()).startsWith("PT");
    // incident recorded in the ITSM tool, once, and linked on the change
    List<LoggedRequest> incidents = posts("/itsm/incidents");
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getHeader("Idempotency-Key")).isEqualTo(id + ":ROLLBACK");
    assertThat(incidents.get(0).getHeader("Authorization")).isEqualTo("Bearer " + ITSM_TOKEN);
    assertThat(incidents.get(0).getBodyAsString()).contains(id, "ROLLOUT_DEGRADED");
    assertThat(change.path("incidents").get(0).path("reference").asText()).isEqualTo("INC-1001");
    assertThat(change.path("incidents").get(0).path("url").asText()).isEqualTo("https://itsm.example/incidents/INC-1001");
    // evidence preserved before the first rollback call, each item with the SHA-256 of its content
    assertThat(events(change).indexOf("EVIDENCE_PRESERVED")).isLessThan(events(change).indexOf("TARGET_ROLLED_BACK"));
    JsonNode evidence = Http.as(port, "auditor").get("/api/changes/" + id + "/evidence").json();
    JsonNode items = evidence.path("bundles").get(0).path("items");
    List<String> names = new ArrayList<>();
    items.forEach(item -> {
      names.add(item.path("name").asText());
      assertThat(item.path("sha256").asText()).isEqualTo(EvidenceStore.sha256(item.path("content").asText()));
    });
    assertThat(names).contains("change.json", "timeline.json", "validation-results.json", "deployment-calls.json",
        "deployment-history/" + api + ".txt", "deployment-history/" + worker + ".txt", "process-variables.json",
        "configuration.json", "rollback-plan.json");
    assertThat(items.toString()).contains("Degraded");
    assertThat(Http.as(port, "requester").get("/api/changes/" + id + "/evidence").status()).isEqualTo(200);
    assertThat(Http.as(port, "ops-engineer").get("/api/changes/" + id + "/evidence").status()).isEqualTo(200);
    assertThat(Http.as(port, "reviewer").get("/api/changes/" + id + "/evidence").status()).isEqualTo(403);
    // blameless postmortem for the requester and operations, prefilled with the timeline
    Task postmortem = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult();
    assertThat(postmortem.getTaskDefinitionKey()).isEqualTo("UserTask_WritePostmortem");
    assertThat(tasks.createTaskQuery().taskId(postmortem.getId()).taskCandidateUser("requester").count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().taskId(postmortem.getId()).taskCandidateGroup("operations").count()).isEqualTo(1);
    assertThat((String) tasks.getVariable(postmortem.getId(), "postmortemTimeline")).contains("ROLLOUT_DEGRADED");
    tasks.complete(postmortem.getId(), Map.of(RollbackProcess.WHAT_HAPPENED.name(), "ledger worker 3.0.0 degraded",
        "contributingFactors", "no readiness probe for the new queue", "actionItems", "add the probe (ops)"));
    JsonNode after = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(events(after)).endsWith("POSTMORTEM_RECORDED");
    assertNoSecretAnywhere(output);
  }

  @Test
  void reExecutingADeployAfterItsCallSucceededCallsArgoCdOnce() {
    String app = unique("reexec");
    Change change = storedChange(app);

    // the job's call succeeded, then its transaction was lost (crash, lock expiry): nothing of it committed
    transactions.executeWithoutResult(status -> {
      deployments.deployTarget(change.id(), 0);
      status.setRollbackOnly();
    });
    // the job runs again, and once more after success
    transactions.executeWithoutResult(status -> deployments.deployTarget(change.id(), 0));
    transactions.executeWithoutResult(status -> deployments.deployTarget(change.id(), 0));

    assertThat(posts("/api/v1/applications/" + app + "-staging/sync")).hasSize(1);
    List<StoredCall> calls = records.callsOf(change.id());
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.result()).isEqualTo(StoredCall.DEPLOYED);
      assertThat(call.detail()).contains("no second call");
      assertThat(call.previous().reference()).isEqualTo("1");
    });
  }

  @Test
  void aDryRunMakesNoStateChangingCall() {
    String api = unique("dry");
    Map<String, Object> request = argoChange("Dry run on Argo CD", "4.0.0", api, unique("dry-worker"));
    request.put("dryRun", true);
    String id = submit(request);

    JsonNode done = awaitStatus(id, "COMPLETED", "FAILED", "ROLLED_BACK");

    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("COMPLETED");
    assertThat(done.path("deployments")).allMatch(d -> d.path("result").asText().equals("DRY_RUN"));
    assertThat(done.path("deployments").get(0).path("detail").asText()).contains("dry-run", "nothing applied");
    List<LoggedRequest> syncs = posts("/api/v1/applications/.*/sync");
    assertThat(syncs).hasSize(2).allMatch(r -> r.getBodyAsString().contains("\"dryRun\":true"));
    WIREMOCK.verify(0, postRequestedFor(urlPathMatching(".*/sync"))
        .withRequestBody(matchingJsonPath("$.dryRun", equalTo("false"))));
    assertThat(posts(".*/rollback")).isEmpty();
    assertThat(ARGOCD.revisionOf(api + "-staging")).isEqualTo("1.0.0");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_environment_slot WHERE change_id = ?").param(id)
        .query(Long.class).single()).isZero();
  }

  @Test
  void theEnvironmentLimitHoldsWithMoreChangesThanSlots() {
    ARGOCD.hold(true);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(submit(argoChange("Limit " + i, "5.0." + i, unique("limited"))));
    }
    // every change has either taken a slot or queued (the rollouts hold: no slot is freed meanwhile); the slots in
    // use are sampled all along
    AtomicInteger maxInUse = new AtomicInteger();
    Map<String, Long> placed = Await.until(Duration.ofSeconds(60), () -> {
      maxInUse.accumulateAndGet(slotsInUse(), Math::max);
      Map<String, Long> count = new TreeMap<>();
      for (String id : ids) {
        List<String> events = events(Http.as(port, "auditor").get("/api/changes/" + id).json());
        count.merge(events.contains("ENVIRONMENT_SLOT_RESERVED") ? "reserved"
            : events.contains("WAITING_FOR_ENVIRONMENT_SLOT") ? "waiting" : "neither", 1L, Long::sum);
      }
      return count;
    }, count -> count.getOrDefault("neither", 0L) == 0 && posts("/api/v1/applications/.*/sync").size() >= 2,
        "each change to reserve a slot or queue, and two syncs");
    maxInUse.accumulateAndGet(slotsInUse(), Math::max);

    assertThat(maxInUse.get()).isEqualTo(2);
    assertThat(posts("/api/v1/applications/.*/sync")).hasSize(2);
    // the others wait, visibly and without failing
    assertThat(placed).isEqualTo(Map.of("reserved", 2L, "waiting", 3L));
    assertThat(runtime.createIncidentQuery().count()).isZero();

    ARGOCD.hold(false);
    for (String id : ids) {
      Await.until(Duration.ofSeconds(90), () -> {
        maxInUse.accumulateAndGet(slotsInUse(), Math::max);
        return Http.as(port, "auditor").get("/api/changes/" + id).json();
      }, c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), id + " to finish");
    }
    assertThat(maxInUse.get()).as("slots in use at any time").isEqualTo(2);
    for (String id : ids) {
      assertThat(Http.as(port, "auditor").get("/api/changes/" + id).json().path("status").asText()).isEqualTo("COMPLETED");
    }
    assertThat(posts("/api/v1/applications/.*/sync")).hasSize(5);
  }

  /**
   * Issue 19's hand-over bug: 40 standard changes at once to one target, a deployment system that answers after
   * 2 s, waiting changes that look again every second. One change at a time holds the target; each freed slot goes
   * to exactly one waiting change, and neither the hand-over nor the waiter's own timer fails a job.
   */
  @Test
  void burstToOneTargetIsHandedOverOneChangeAtATimeWithoutFailedJobs() throws Exception {
    String target = unique("burst");
    List<java.util.concurrent.Future<String>> submitted = new ArrayList<>();
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 40; i++) {
        Map<String, Object> change = Changes.standard("Burst " + i);
        change.put("targets", List.of(map("adapter", "webhook", "name", target)));
        submitted.add(clients.submit(() -> submit(change)));
      }
      List<String> ids = new ArrayList<>();
      for (java.util.concurrent.Future<String> id : submitted) {
        ids.add(id.get());
      }
      AtomicInteger maxInUse = new AtomicInteger();
      Await.until(Duration.ofSeconds(300), () -> {
        maxInUse.accumulateAndGet(targetLocks(target), Math::max);
        return jdbc.sql("SELECT COUNT(*) FROM changegate_change WHERE id IN (" + String.join(",",
            ids.stream().map(id -> "'" + id + "'").toList()) + ") AND status IN ('COMPLETED', 'FAILED', 'ROLLED_BACK')")
            .query(Long.class).single();
      }, done -> done == ids.size() || failedJobs(ids) > 0, "the 40 changes to finish, without a failed job");

      assertThat(failedJobs(ids)).as("failed job executions of the burst's changes").isZero();
      assertThat(runtime.createIncidentQuery().count()).isZero();
      for (String id : ids) {
        assertThat(changes.find(id).orElseThrow().status()).as(id).isEqualTo(ChangeStatus.COMPLETED);
      }
      assertThat(maxInUse.get()).as("changes holding the target at once").isEqualTo(1);
      assertThat(WIREMOCK.findAll(postRequestedFor(urlEqualTo("/slow-deploy")))).as("one deploy call each")
          .hasSize(40);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_environment_queue").query(Long.class).single()).isZero();
    } finally {
      clients.shutdownNow();
    }
  }

  private int targetLocks(String target) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_target_lock WHERE target_name = ?").param(target)
        .query(Long.class).single().intValue();
  }

  /** Failed job executions (job log) in the process instances of these changes. */
  private long failedJobs(List<String> ids) {
    return jdbc.sql("SELECT COUNT(*) FROM act_hi_job_log j JOIN act_hi_procinst p ON p.proc_inst_id_ = "
        + "j.process_instance_id_ WHERE j.job_state_ = 1 AND p.business_key_ IN (" + String.join(",",
        ids.stream().map(id -> "'" + id + "'").toList()) + ")").query(Long.class).single();
  }

  private int slotsInUse() {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_slot WHERE environment = 'staging'")
        .query(Long.class).single().intValue();
  }

  /** A change stored without its process, to drive the deployment service by hand. */
  private Change storedChange(String target) {
    Instant now = Instant.now();
    String digest = Changes.newDigest();
    Change change = new Change(changes.nextId(), "Re-executed job", null, "payments-api", "staging",
        new Artifact("payments-api", "6.0.0", digest), Level.LOW, Level.LOW, false, false, null, false, null, null,
        null, List.of(new Target("argocd", target)), null, null, false, "requester", ChangeStatus.DEPLOYING, null,
        null, null, now, now);
    transactions.executeWithoutResult(status -> changes.insert(change));
    return change;
  }

  private void assertNoSecretAnywhere(CapturedOutput output) {
    for (String secret : List.of(ARGOCD_TOKEN, ITSM_TOKEN)) {
      assertThat(output.getAll()).as("logs").doesNotContain(secret);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_varinst WHERE text_ LIKE ? OR text2_ LIKE ?")
          .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).as("variables, history").isZero();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_detail WHERE text_ LIKE ? OR text2_ LIKE ?")
          .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).as("history details").isZero();
      assertThat(jdbc.sql("SELECT bytes_ FROM act_ge_bytearray WHERE bytes_ IS NOT NULL").query(byte[].class).list())
          .as("serialized variables, job exception stack traces")
          .noneMatch(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(secret));
      assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_job_log WHERE job_exception_msg_ LIKE ?")
          .param("%" + secret + "%").query(Long.class).single()).as("job log").isZero();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE details LIKE ?")
          .param("%" + secret + "%").query(Long.class).single()).as("audit trail").isZero();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_evidence WHERE content LIKE ?")
          .param("%" + secret + "%").query(Long.class).single()).as("evidence").isZero();
      assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_deployment WHERE output LIKE ? OR detail LIKE ?")
          .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).as("deployment records")
          .isZero();
    }
    // and the calls did carry the tokens: the check above is not vacuous
    assertThat(WIREMOCK.getAllServeEvents()).anyMatch(e -> ("Bearer " + ARGOCD_TOKEN)
        .equals(e.getRequest().getHeader("Authorization")));
  }

  private static JsonNode lastEvent(JsonNode change, String event) {
    JsonNode found = null;
    for (JsonNode e : change.path("timeline")) {
      if (event.equals(e.path("event").asText())) {
        found = e;
      }
    }
    return found;
  }

}
