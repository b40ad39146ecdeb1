package io.changegate.emergency;

import static io.changegate.support.Timelines.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.change.ChangeProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.PageSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ECAB's override of the promotion order, over real HTTP: an emergency whose digest was never validated in
 * staging reaches production only when an ECAB member approves it with an override and a reason; the override is on
 * the audit chain (PROMOTION_OVERRIDDEN) and the timeline, and nothing else — no process variable — stands for it.
 */
@ChangegateIntegrationTest
class PromotionOverrideApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @Test
  void anEcabOverrideLetsANeverStagedDigestDeployToProductionAndTheTimelineSaysWhoAndWhy() {
    String id = startToProduction("Hotfix straight to production");
    Task ecab = ecabTask(id);
    assertThat(tasks.getVariable(ecab.getId(), "promotionCheck").toString()).startsWith("WILL BE REFUSED");

    Http.Response approved = complete("cab-chair", ecab.getId(), Http.map("decision", v("APPROVE"),
        "comment", v("go"), "promotionOverride", Map.of("value", true, "type", "Boolean"),
        "promotionOverrideReason", v("INC-4711: card payments down, staging is being rebuilt")));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(204);

    JsonNode change = finished(id);
    assertThat(change.path("status").asText()).as(events(change).toString()).isEqualTo("COMPLETED");
    assertThat(events(change)).contains("PROMOTION_OVERRIDDEN", "DEPLOYMENT_PLANNED", "DEPLOYED")
        .doesNotContain("PROMOTION_REFUSED");
    JsonNode override = event(change, "PROMOTION_OVERRIDDEN");
    assertThat(override.path("who").asText() + override.path("actor").asText()).contains("cab-chair");
    assertThat(override.path("details").path("reason").asText()).contains("staging is being rebuilt");
    assertThat(override.path("details").path("promotionCheck").asText()).contains("in staging");
    assertThat(event(change, "DEPLOYMENT_PLANNED").path("details").path("promotionOverriddenBy").asText())
        .isEqualTo("cab-chair");

    PageSession.Page page = new PageSession(port).logIn("auditor").get("/changes/" + id);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("PROMOTION_OVERRIDDEN").contains("staging is being rebuilt");
  }

  @Test
  void withoutAnOverrideTheDeploymentIsRefusedAndAVariableAnyoneSetsChangesNothing() {
    String id = startToProduction("Hotfix without override");
    Task ecab = ecabTask(id);

    // what an attacker would try over /engine-rest: a variable that claims the override
    String variables = "/engine-rest/process-instance/" + ecab.getProcessInstanceId() + "/variables";
    String claim = "{\"modifications\":{\"promotionOverridden\":{\"value\":true,\"type\":\"Boolean\"}}}";
    Http.Response byRequester = Http.as(port, "ops-engineer").post(variables, claim);
    assertThat(byRequester.status()).as(byRequester.toString()).isBetween(400, 499);
    Http.Response byEcab = Http.as(port, "cab-chair").post(variables, claim);
    assertThat(byEcab.status()).as(byEcab.toString()).isBetween(400, 499);
    Http.Response byAdmin = Http.as(port, "admin").post(variables, claim);
    // an administrator may set it (recorded as an intervention); it still counts for nothing
    assertThat(byAdmin.status()).as(byAdmin.toString()).isIn(204, 400, 403);

    Http.Response approved = complete("cab-chair", ecab.getId(), Http.map("decision", v("APPROVE"),
        "comment", v("go")));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(204);

    JsonNode change = finished(id);
    assertThat(change.path("status").asText()).isEqualTo("FAILED");
    assertThat(events(change)).contains("PROMOTION_REFUSED").doesNotContain("PROMOTION_OVERRIDDEN", "DEPLOYED");
    assertThat(event(change, "PROMOTION_REFUSED").path("details").path("reason").asText()).contains("in staging");
  }

  @Test
  void anOverrideWithoutAReasonOrWithARejectionIsRefusedAndTheTaskStaysOpen() {
    String id = startToProduction("Hotfix, override without reason");
    Task ecab = ecabTask(id);

    Http.Response noReason = complete("cab-chair", ecab.getId(), Http.map("decision", v("APPROVE"),
        "comment", v("go"), "promotionOverride", Map.of("value", true, "type", "Boolean"),
        "promotionOverrideReason", v("  ")));
    assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
    assertThat(noReason.json().path("message").asText()).contains("needs a reason");

    Http.Response withReject = complete("cab-chair", ecab.getId(), Http.map("decision", v("REJECT"),
        "comment", v("no"), "promotionOverride", Map.of("value", true, "type", "Boolean"),
        "promotionOverrideReason", v("because")));
    assertThat(withReject.status()).as(withReject.toString()).isEqualTo(400);
    assertThat(withReject.json().path("message").asText()).contains("only with APPROVE");

    assertThat(tasks.createTaskQuery().taskId(ecab.getId()).count()).isOne();
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(change.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(events(change)).doesNotContain("PROMOTION_OVERRIDDEN", "DECISION");
  }

  @Test
  void aNormalChangeCannotBeOverridden() {
    Map<String, Object> normal = Changes.normal("Normal change asking for an override");
    Http.Response submitted = Http.as(port, "requester").post("/api/changes", normal);
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    Task first = Await.until(Duration.ofSeconds(30),
        () -> tasks.createTaskQuery().processInstanceBusinessKey(id).list().stream().findFirst().orElse(null),
        t -> t != null, "the first task of " + id);
    String user = tasks.getIdentityLinksForTask(first.getId()).stream()
        .anyMatch(link -> "cab".equals(link.getGroupId())) ? "cab-chair" : "requester";

    Http.Response refused = complete(user, first.getId(), Http.map("decision", v("APPROVE"),
        "promotionOverride", Map.of("value", true, "type", "Boolean"), "promotionOverrideReason", v("please")));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("promotionOverride");
    assertThat(tasks.createTaskQuery().taskId(first.getId()).count()).isOne();
    assertThat(events(Http.as(port, "auditor").get("/api/changes/" + id).json()))
        .doesNotContain("PROMOTION_OVERRIDDEN");
  }

  private String startToProduction(String title) {
    String service = "override-probe-" + System.nanoTime() % 100000;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ChangeProcess.TITLE.name(), Map.of("value", title));
    v.put(ChangeProcess.SERVICE.name(), Map.of("value", service));
    v.put(ChangeProcess.ENVIRONMENT.name(), Map.of("value", "production"));
    v.put(EmergencyProcess.ARTIFACT_NAME.name(), Map.of("value", service));
    v.put(EmergencyProcess.ARTIFACT_VERSION.name(), Map.of("value", "2.0.1"));
    v.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", Changes.newDigest()));
    v.put(ChangeProcess.IMPACT.name(), Map.of("value", "HIGH"));
    v.put(ChangeProcess.INCIDENT_REFERENCE.name(), Map.of("value", "INC-4711"));
    v.put(ChangeProcess.JUSTIFICATION.name(), Map.of("value", "Card payments declines for 30% of customers"));
    v.put(EmergencyProcess.ERROR_RATE_MAX.name(), Map.of("value", 0.02, "type", "Double"));
    Http.Response started = Http.as(port, "ops-engineer").post(
        "/engine-rest/process-definition/key/emergency-change/submit-form", Http.map("variables", v));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    return started.json().path("businessKey").asText();
  }

  private Task ecabTask(String id) {
    Task ecab = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult();
    assertThat(ecab.getTaskDefinitionKey()).isEqualTo("Task_EcabApproval");
    return ecab;
  }

  private JsonNode finished(String id) {
    return Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), id + " deployed or failed");
  }

  private Http.Response complete(String user, String taskId, Map<String, Object> variables) {
    return Http.as(port, user).post("/engine-rest/task/" + taskId + "/complete", Http.map("variables", variables));
  }

  private static Map<String, Object> v(String value) {
    return Map.of("value", value);
  }

  private static JsonNode event(JsonNode change, String name) {
    JsonNode found = null;
    for (JsonNode event : change.path("timeline")) {
      if (event.path("event").asText().equals(name)) {
        found = event;
      }
    }
    assertThat(found).as(name + " on the timeline of " + change.path("id").asText()).isNotNull();
    return found;
  }

}
