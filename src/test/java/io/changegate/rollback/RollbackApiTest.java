package io.changegate.rollback;

import io.changegate.change.ChangeProcess;
import static io.changegate.support.Timelines.events;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.rollback.RollbackProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo application (sandbox adapters) over real HTTP: immutable promotion with a reason the requester can
 * read, rollbacks asked for through the API and the Tasklist, and who may read the evidence.
 */
@ChangegateIntegrationTest
@SuppressWarnings("unchecked")
class RollbackApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode await(String id, String statuses) {
    return Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches(statuses), id + " to reach " + statuses);
  }

  private static JsonNode event(JsonNode change, String name) {
    for (JsonNode e : change.path("timeline")) {
      if (name.equals(e.path("event").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + name + " in " + events(change));
  }

  @Test
  void anUntestedDigestIsRefusedForProductionWithAReasonAndPassesOnceValidatedInStaging() {
    Map<String, Object> production = Changes.standard("Straight to production");
    production.put("environment", "production");
    String digest = (String) ((Map<?, ?>) production.get("artifact")).get("digest");

    JsonNode refused = await(submit(production), "FAILED|COMPLETED");

    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(refused.path("deployments")).isEmpty();
    assertThat(event(refused, "PROMOTION_REFUSED").path("details").path("reason").asText())
        .contains(digest, "no successful, validated deployment in staging");

    Map<String, Object> staging = Changes.standard("First staging");
    staging.put("artifact", production.get("artifact"));
    assertThat(await(submit(staging), "COMPLETED|FAILED|ROLLED_BACK").path("status").asText()).isEqualTo("COMPLETED");
    production.put("title", "Then production");
    JsonNode promoted = await(submit(production), "COMPLETED|FAILED|ROLLED_BACK");
    assertThat(promoted.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(event(promoted, "DEPLOYMENT_PLANNED").path("details").path("validatedBy").asText()).startsWith("CHG-");
  }

  @Test
  void operationsRollACompletedChangeBackThroughTheApi() throws Exception {
    String id = submit(Changes.standard("Rolled back on request"));
    await(id, "COMPLETED");

    assertThat(Http.as(port, "requester").post("/api/changes/" + id + "/rollback", "{}").status()).isEqualTo(403);
    Http.Response accepted = Http.as(port, "ops-engineer").post("/api/changes/" + id + "/rollback",
        map("reason", "error budget burning after release"));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

    Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("UserTask_WritePostmortem").count(),
        n -> n > 0, "postmortem of " + id);
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(change.path("status").asText()).isEqualTo("ROLLED_BACK");
    assertThat(events(change)).containsSubsequence("COMPLETED", "ROLLBACK_REQUESTED", "ROLLING_BACK",
        "EVIDENCE_PRESERVED", "INCIDENT_OPENED", "TARGET_ROLLED_BACK", "RECOVERY_VERIFIED", "ROLLED_BACK");
    assertThat(event(change, "ROLLBACK_REQUESTED").path("actor").asText()).isEqualTo("ops-engineer");
    assertThat(change.path("incidents").get(0).path("reference").asText()).startsWith("SANDBOX-");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey(RollbackProcess.ROLLBACK).count()).isEqualTo(1);

    // a rolled-back change has nothing left to roll back
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + id + "/rollback", "{}").status()).isEqualTo(409);
    // evidence: auditors, operations and the requester; not another developer
    JsonNode evidence = Http.as(port, "requester").get("/api/changes/" + id + "/evidence").json();
    assertThat(evidence.path("bundles").get(0).path("items").size()).isGreaterThanOrEqualTo(8);
    // which version of each model governed the change is part of the evidence
    JsonNode versions = null;
    for (JsonNode item : evidence.path("bundles").get(0).path("items")) {
      if ("process-versions.json".equals(item.path("name").asText())) {
        versions = new com.fasterxml.jackson.databind.ObjectMapper().readTree(item.path("content").asText());
      }
    }
    assertThat(versions).as("process-versions.json").isNotNull();
    assertThat(versions.findValuesAsText("key")).contains("change-request", "deployment");
    assertThat(versions.findValuesAsText("sha256")).allMatch(sha -> sha.matches("[0-9a-f]{64}"));
    assertThat(Http.as(port, "reviewer").get("/api/changes/" + id + "/evidence").status()).isEqualTo(403);
    assertThat(Http.anonymous(port).get("/api/changes/" + id + "/evidence").status()).isEqualTo(401);
  }

  @Test
  void aDegradedTargetWithAMigrationIsRolledBackBeforeItsMigration() {
    Map<String, Object> request = Changes.standard("Schema and code together");
    ((Map<String, Object>) request.get("artifact")).put("version", "9.9.9-degraded");
    request.put("targets", List.of(map("adapter", "sandbox", "name", "ledger-with-db",
        "migration", map("adapter", "sandbox", "name", "ledger-db"))));
    String id = submit(request);

    Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id).count(),
        n -> n > 0, "postmortem of " + id);
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();

    assertThat(change.path("status").asText()).isEqualTo("ROLLED_BACK");
    assertThat(events(change)).containsSubsequence("MIGRATION_STARTED", "ROLLOUT_HEALTHY", "DEPLOYED",
        "ROLLOUT_DEGRADED", "ROLLING_BACK", "EVIDENCE_PRESERVED", "TARGET_ROLLED_BACK", "TARGET_ROLLED_BACK",
        "RECOVERY_VERIFIED", "ROLLED_BACK");
    List<String> kinds = new ArrayList<>();
    change.path("deployments").forEach(d -> kinds.add(d.path("kind").asText() + " " + d.path("target").asText()));
    assertThat(kinds).containsExactly("MIGRATION ledger-db", "DEPLOY ledger-with-db", "ROLLBACK ledger-with-db",
        "MIGRATION_ROLLBACK ledger-db");
  }

  @Test
  void aMigrationWithARestoreCheckpointNoteGivesOperationsATaskInsteadOfAnAutomaticUndo() {
    Map<String, Object> request = Changes.standard("Schema with a checkpoint");
    ((Map<String, Object>) request.get("artifact")).put("version", "9.9.9-degraded");
    request.put("targets", List.of(map("adapter", "sandbox", "name", "ledger-with-db",
        "migration", map("adapter", "sandbox", "name", "ledger-db-2",
            "restoreCheckpoint", "restore snapshot ledger-db-2 taken before the change"))));
    String id = submit(request);

    var task = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id).list(),
        l -> !l.isEmpty(), "checkpoint task of " + id).get(0);

    assertThat(task.getTaskDefinitionKey()).isEqualTo("UserTask_RestoreCheckpoint");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("operations").count()).isEqualTo(1);
    assertThat(tasks.getVariable(task.getId(), "checkpointNote")).isEqualTo(
        "restore snapshot ledger-db-2 taken before the change");
    tasks.complete(task.getId(), Map.of(ChangeProcess.COMMENT.name(), "snapshot restored, row counts match"));
    JsonNode change = await(id, "ROLLED_BACK|FAILED");
    assertThat(events(change)).containsSubsequence("TARGET_ROLLED_BACK", "CHECKPOINT_RESTORED", "RECOVERY_VERIFIED");
  }

  @Test
  void aChangeStillInReviewHasNothingToRollBack() {
    String id = submit(Changes.normal("Waiting for the CAB"));

    Http.Response response = Http.as(port, "ops-engineer").post("/api/changes/" + id + "/rollback", "{}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().path("detail").asText()).contains("cancel it instead");
  }

  @Test
  void operationsAskForARollbackFromTheTasklist() {
    String id = submit(Changes.standard("Rolled back from the Tasklist"));
    await(id, "COMPLETED");

    try {
      identity.setAuthentication("ops-engineer", List.of("operations"));
      // the engine keeps 4,000 characters; a reason is 2,000 on every way in (Tasklist's form says so too)
      assertThatThrownBy(() -> runtime.startProcessInstanceByKey(RollbackProcess.ROLLBACK_REQUEST,
          Map.of(RollbackProcess.REQUESTED_CHANGE.name(), id, "rollbackReason", "w".repeat(2001))))
          .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("at most 2000 characters");
      runtime.startProcessInstanceByKey(RollbackProcess.ROLLBACK_REQUEST,
          Map.of(RollbackProcess.REQUESTED_CHANGE.name(), id, "rollbackReason", "customer reports"));
    } finally {
      identity.clearAuthentication();
    }

    JsonNode change = await(id, "ROLLED_BACK|FAILED");
    assertThat(change.path("status").asText()).isEqualTo("ROLLED_BACK");
    assertThat(event(change, "ROLLBACK_REQUESTED").path("actor").asText()).isEqualTo("ops-engineer");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).list())
        .extracting(p -> p.getProcessDefinitionId().split(":")[0]).contains(RollbackProcess.ROLLBACK);
  }
}
