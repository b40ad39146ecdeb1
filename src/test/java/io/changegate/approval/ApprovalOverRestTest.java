package io.changegate.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Approval tasks over {@code /engine-rest}: the engine's rules hold, and a refusal is a 400, not a 500. */
@ChangegateIntegrationTest
class ApprovalOverRestTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  @Test
  void rejectionWithoutCommentIsRefusedWith400AndTheTaskStaysOpen() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Needs the CAB")).json()
        .path("id").asText();
    String task = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId();

    Http.Response refused = Http.as(port, "cab-chair").post("/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"decision\":{\"value\":\"REJECT\",\"type\":\"String\"}}}");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("A rejection needs a comment");
    assertThat(tasks.createTaskQuery().taskId(task).count()).isOne();
    JsonNode change = Http.as(port, "requester").get("/api/changes/" + id).json();
    assertThat(change.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(change.path("approvals")).isEmpty();
  }

  @Test
  void approvalIsRecordedWithWhoAndGroup() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("CAB approves")).json()
        .path("id").asText();
    String task = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId();

    Http.Response approved = Http.as(port, "cab-chair").post("/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"decision\":{\"value\":\"APPROVE\",\"type\":\"String\"},"
            + "\"comment\":{\"value\":\"low risk, go\",\"type\":\"String\"}}}");

    assertThat(approved.status()).as(approved.toString()).isEqualTo(204);
    JsonNode approval = Http.as(port, "auditor").get("/api/changes/" + id).json().path("approvals").get(0);
    assertThat(approval.path("who").asText()).isEqualTo("cab-chair");
    assertThat(approval.path("group").asText()).isEqualTo("cab");
    assertThat(approval.path("decision").asText()).isEqualTo("APPROVE");
    assertThat(approval.path("comment").asText()).isEqualTo("low risk, go");
  }

  @Test
  void tasklistFiltersShowAGroupItsTasks() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Visible to the CAB")).json()
        .path("id").asText();
    JsonNode filters = Http.as(port, "cab-chair").get("/engine-rest/filter?resourceType=Task").json();
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    filters.forEach(f -> ids.put(f.path("name").asText(), f.path("id").asText()));
    assertThat(ids).containsKeys("My group's tasks", "Assigned to me", "Overdue");

    Http.Response mine = Http.as(port, "cab-chair").post("/engine-rest/filter/" + ids.get("My group's tasks")
        + "/list", "{}");
    Http.Response overdue = Http.as(port, "cab-chair").post("/engine-rest/filter/" + ids.get("Overdue") + "/list",
        "{}");
    Http.Response notMine = Http.as(port, "security-officer").post("/engine-rest/filter/" + ids.get("My group's tasks")
        + "/list", "{}");

    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(overdue.status()).as(overdue.toString()).isEqualTo(200);
    String task = tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId();
    assertThat(mine.body()).contains(task);
    assertThat(notMine.status()).isEqualTo(200);
    assertThat(notMine.body()).doesNotContain(task);
  }

  @Test
  void otherEngineErrorsKeepCamundasAnswer() {
    Http.Response missing = Http.as(port, "cab-chair").post("/engine-rest/task/no-such-task/complete", "{}");
    assertThat(missing.status()).isIn(404, 500);
    assertThat(missing.json().path("type").asText()).isNotEqualTo("GovernanceRefusal");
  }
}
