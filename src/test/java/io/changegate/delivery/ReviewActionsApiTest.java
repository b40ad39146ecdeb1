package io.changegate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.change.ChangeProcess;
import io.changegate.emergency.EmergencyProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The post-implementation review form's list of improvement actions over real HTTP (the Tasklist's Json variable):
 * a bad row refuses the completion and records nothing; a good list becomes tracked actions of the change, audited
 * under the reviewer. Closing an action with an amendment applies it to a runbook, or proposes it for a template
 * until a process owner (not the proposer) accepts it.
 */
@ChangegateIntegrationTest
class ReviewActionsApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;

  @Test
  void theReviewsActionsBecomeTrackedActionsAndTheirAmendmentsAreAppliedOrProposed() {
    Http.Response runbookChange = Http.as(port, "requester").post("/api/changes", withRunbook("Runbook to amend"));
    assertThat(runbookChange.status()).as(runbookChange.toString()).isEqualTo(201);
    String runbookChangeId = runbookChange.json().path("id").asText();

    String id = Http.as(port, "ops-engineer").post("/engine-rest/process-definition/key/emergency-change/submit-form",
        Http.map("variables", startVariables("Hotfix with lessons", "payments-api"))).json().path("businessKey")
        .asText();
    Task ecab = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("Task_EcabApproval").singleResult(), t -> t != null, "the ECAB approval of " + id);
    Http.as(port, "cab-chair").post("/engine-rest/task/" + ecab.getId() + "/complete", Http.map("variables",
        Http.map("decision", Map.of("value", "APPROVE"), "comment", Map.of("value", "go"))));
    Task pir = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("Task_PostImplementationReview").singleResult(), t -> t != null, "the PIR of " + id);

    Http.Response refused = completePir(pir.getId(), """
        [{"title": "Add a canary", "owner": "not a user", "dueDate": "2026-13-01"},
         {"title": "Widen the toggle template", "owner": "ops-lead", "amends": "template:no-such-template"}]""");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("improvementActions[0].dueDate");
    Http.Response refusedToo = completePir(pir.getId(), """
        [{"title": "Add a canary", "owner": "not a user"},
         {"title": "Widen the toggle template", "owner": "ops-lead", "amends": "template:no-such-template"}]""");
    assertThat(refusedToo.status()).isEqualTo(400);
    assertThat(refusedToo.json().path("message").asText()).contains("improvementActions[0].owner")
        .contains("improvementActions[1].amends");
    assertThat(actionsOf(id).path("actions")).isEmpty();
    assertThat(tasks.createTaskQuery().taskId(pir.getId()).count()).as("the review stays open").isOne();

    Http.Response reviewed = completePir(pir.getId(), """
        [{"title": "Allow this fix as a configuration toggle", "owner": "ops-lead", "dueDate": "2026-02-01",
          "amends": "template:config-toggle"},
         {"title": "Check the connection pool after a hotfix", "owner": "ops-engineer",
          "amends": "runbook:%s"},
         {"title": "", "owner": "", "dueDate": null, "amends": ""}]""".formatted(runbookChangeId));
    assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(204);

    JsonNode actions = actionsOf(id);
    assertThat(actions.path("open").asInt()).isEqualTo(2);
    assertThat(actions.path("actions").findValuesAsText("source")).containsOnly("POST_IMPLEMENTATION_REVIEW");
    assertThat(actions.path("actions").findValuesAsText("createdBy")).containsOnly("cab-chair");
    assertThat(actions.path("actions").findValuesAsText("dueDate")).contains("2026-02-01");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE change_id = ? AND action = ? AND actor = ?")
        .params(id, "IMPROVEMENT_ACTION_RECORDED", "cab-chair").query(Long.class).single()).isEqualTo(2);
    String templateAction = null;
    String runbookAction = null;
    for (JsonNode a : actions.path("actions")) {
      if (a.path("amends").asText().startsWith("template:")) {
        templateAction = a.path("id").asText();
      } else {
        runbookAction = a.path("id").asText();
      }
    }

    // the runbook action closed with its amendment: the item is in the runbook at once
    Http.Response applied = put("ops-engineer", "/api/improvement-actions/" + runbookAction,
        Http.map("status", "DONE", "amendment", "Check the pool's active connections", "section", "preChecks"));
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    assertThat(applied.json().path("amendmentStatus").asText()).isEqualTo("APPLIED");
    JsonNode runbook = Http.as(port, "auditor").get("/api/changes/" + runbookChangeId).json().path("runbook");
    assertThat(runbook.path("preChecks").toString()).contains("Check the pool's active connections");

    // the template action: proposed, and only another process owner decides
    Http.Response noSection = put("ops-engineer", "/api/improvement-actions/" + templateAction,
        Http.map("status", "DONE", "amendment", "x", "section", "steps"));
    assertThat(noSection.status()).isEqualTo(400);
    Http.Response proposed = put("ops-engineer", "/api/improvement-actions/" + templateAction,
        Http.map("status", "DONE", "amendment", "Add catalog-service to services"));
    assertThat(proposed.json().path("amendmentStatus").asText()).isEqualTo("PROPOSED");
    assertThat(Http.as(port, "ops-lead").post("/api/improvement-actions/" + templateAction + "/amendment-decision",
        Http.map("decision", "ACCEPTED")).status()).as("operations do not accept template changes").isEqualTo(403);
    Http.Response bad = Http.as(port, "process-owner").post("/api/improvement-actions/" + templateAction
        + "/amendment-decision", Http.map("decision", "MAYBE"));
    assertThat(bad.status()).isEqualTo(400);
    Http.Response accepted = Http.as(port, "process-owner").post("/api/improvement-actions/" + templateAction
        + "/amendment-decision", Http.map("decision", "ACCEPTED", "comment", "fits the template's risk"));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.json().path("amendmentStatus").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.json().path("amendmentDecidedBy").asText()).isEqualTo("process-owner");
    assertThat(Http.as(port, "process-owner").post("/api/improvement-actions/" + runbookAction
        + "/amendment-decision", Http.map("decision", "ACCEPTED")).status()).as("a runbook amendment is applied")
        .isEqualTo(400);
    assertThat(jdbc.sql("SELECT action FROM changegate_audit WHERE change_id = ? ORDER BY seq").param(id)
        .query(String.class).list()).contains("IMPROVEMENT_ACTION_AMENDED", "IMPROVEMENT_ACTION_AMENDMENT_DECIDED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE change_id = ? AND action = ?")
        .params(runbookChangeId, "IMPROVEMENT_ACTION_AMENDED").query(Long.class).single()).isOne();
  }

  @Test
  void aBlamelessPostmortemNamesItsActionsAndTheyAreTrackedOnTheRolledBackChange() {
    Http.Response created = Http.as(port, "requester").post("/api/changes", Changes.standard("Rolled back, lessons"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().equals("COMPLETED"), id + " completed");
    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + id + "/rollback",
        Http.map("reason", "conversion dropped")).status()).isEqualTo(202);
    Task postmortem = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("UserTask_WritePostmortem").singleResult(), t -> t != null, "the postmortem of " + id);
    Map<String, Object> written = new LinkedHashMap<>();
    // a long postmortem: each text near the engine's 4,000 characters, together beyond what an audit entry once kept
    String whatHappened = "the release lowered conversion. " + "The checkout's second step lost its button. ".repeat(85);
    written.put("whatHappened", Map.of("value", whatHappened));
    written.put("contributingFactors", Map.of("value", "no KPI watched during the rollout. " + "x".repeat(3800)));
    written.put("customerImpact", Map.of("value", "c".repeat(3900)));
    written.put("wentWell", Map.of("value", "w".repeat(3900)));

    Http.Response noAction = Http.as(port, "requester").post("/engine-rest/task/" + postmortem.getId() + "/complete",
        Http.map("variables", written));
    assertThat(noAction.status()).as("a postmortem names at least one action").isEqualTo(400);
    assertThat(noAction.json().path("message").asText()).contains("at least one improvement action");

    written.put("actionItems", Map.of("value", "a".repeat(3900)));
    written.put("improvementActions", Map.of("type", "Json", "value",
        "[{\"title\": \"Watch conversion as a KPI of every checkout change\", \"owner\": \"ops-lead\","
            + " \"dueDate\": \"2026-03-01\"}]"));
    Http.Response done = Http.as(port, "requester").post("/engine-rest/task/" + postmortem.getId() + "/complete",
        Http.map("variables", written));
    assertThat(done.status()).as(done.toString()).isEqualTo(204);
    JsonNode actions = actionsOf(id);
    assertThat(actions.path("open").asInt()).isOne();
    JsonNode action = actions.path("actions").get(0);
    assertThat(action.path("source").asText()).isEqualTo("POSTMORTEM");
    assertThat(action.path("createdBy").asText()).isEqualTo("requester");
    assertThat(action.path("owner").asText()).isEqualTo("ops-lead");
    assertThat(jdbc.sql("SELECT action FROM changegate_audit WHERE change_id = ? ORDER BY seq").param(id)
        .query(String.class).list()).containsSubsequence("IMPROVEMENT_ACTION_RECORDED", "POSTMORTEM_RECORDED");
    assertThat(jdbc.sql("SELECT details FROM changegate_audit WHERE change_id = ? AND action = 'POSTMORTEM_RECORDED'")
        .param(id).query(String.class).single()).as("the whole postmortem is the record").contains(whatHappened);
  }

  private Http.Response completePir(String taskId, String actionsJson) {
    return Http.as(port, "cab-chair").post("/engine-rest/task/" + taskId + "/complete", Http.map("variables",
        Http.map("pirVerdict", Map.of("value", "ACCEPTED"),
            "improvementActions", Map.of("value", actionsJson, "type", "Json"))));
  }

  private JsonNode actionsOf(String changeId) {
    return Http.as(port, "auditor").get("/api/improvement-actions?changeId=" + changeId).json();
  }

  private Http.Response put(String user, String path, Object body) {
    Http http = Http.as(port, user);
    try {
      return http.send(http.request(path).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
              .writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> withRunbook(String title) {
    Map<String, Object> change = Changes.normal(title);
    change.put("runbook", Http.map("preChecks", List.of("Dashboards green"), "steps", List.of("Deploy"),
        "postChecks", List.of("Error rate below 1 %"), "rollbackSteps", List.of("Redeploy the previous version")));
    return change;
  }

  private static Map<String, Object> startVariables(String title, String service) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ChangeProcess.TITLE.name(), Map.of("value", title));
    v.put(ChangeProcess.SERVICE.name(), Map.of("value", service));
    v.put(ChangeProcess.ENVIRONMENT.name(), Map.of("value", "staging"));
    v.put(EmergencyProcess.ARTIFACT_NAME.name(), Map.of("value", service));
    v.put(EmergencyProcess.ARTIFACT_VERSION.name(), Map.of("value", "2.0.1"));
    v.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", Changes.newDigest()));
    v.put(ChangeProcess.IMPACT.name(), Map.of("value", "HIGH"));
    v.put(ChangeProcess.INCIDENT_REFERENCE.name(), Map.of("value", "INC-4712"));
    v.put(ChangeProcess.JUSTIFICATION.name(), Map.of("value", "Checkout down for everyone"));
    v.put(EmergencyProcess.ERROR_RATE_MAX.name(), Map.of("value", 0.02, "type", "Double"));
    return v;
  }
}
