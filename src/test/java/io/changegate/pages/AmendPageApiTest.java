package io.changegate.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.PageSession;
import io.changegate.support.Reviews;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Amending a change sent back for changes on its own page, over real HTTP with the session login and its CSRF
 * token: only the requester sees and may post the form; it is validated as Tasklist's completion is (every error
 * next to its field, nothing stored), and it completes the rework task through the engine, so the change goes back
 * to its review with the new values and the amendment on its timeline.
 */
@ChangegateIntegrationTest
class AmendPageApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  Reviews reviews;

  @BeforeEach
  void reviews() {
    reviews = new Reviews(port, tasks);
  }

  @Test
  void theRequesterAmendsASentBackChangeOnItsPageAndItGoesBackToItsReview() {
    String id = sentBack("Raise the worker pool");
    Task amend = reviews.awaitTask(id, "Task_AmendForSignOff");

    PageSession requester = new PageSession(port).logIn("requester");
    String page = requester.get("/changes/" + id).body();
    assertThat(page).contains("<h2 id=\"h-amend\">Amend</h2>")
        .contains("<label for=\"amend-runbookSteps\">Runbook: steps</label>")
        .contains("Original description of the worker pool");

    // a validation error: shown next to its field, every error at once, nothing stored, the task stays open
    PageSession.Page invalid = requester.post("/changes/" + id + "/amend", Map.of(
        "description", "x".repeat(4001), "rollbackPlan", "Set the pool back",
        "runbookSteps", "1. " + "y".repeat(501), "amendmentNote", "too long"));
    assertThat(invalid.status()).isEqualTo(200);
    assertThat(invalid.body()).contains("The change was not amended")
        .contains("id=\"amend-description-error\"").contains("size must be between 0 and 4000")
        .contains("id=\"amend-runbookSteps-error\"").contains("aria-describedby=\"amend-runbookSteps-error\"")
        .contains("Set the pool back");
    assertThat(tasks.createTaskQuery().taskId(amend.getId()).count()).as("the task stays open").isOne();
    JsonNode unchanged = change(id);
    assertThat(unchanged.path("description").asText()).isEqualTo("Original description of the worker pool");
    assertThat(unchanged.path("timeline").findValuesAsText("event")).doesNotContain("CHANGE_AMENDED");

    PageSession.Page amended = requester.post("/changes/" + id + "/amend", Map.of(
        "description", "Raise the worker pool to 40, one pod at a time", "rollbackPlan", "Set the pool back to 20",
        "runbookPreChecks", "", "runbookSteps", "1. Raise maxPoolSize to 40\n2. Restart pods one by one",
        "runbookPostChecks", "- pool wait time p95 < 5 ms", "runbookRollbackSteps", "Set maxPoolSize back to 20",
        "amendmentNote", "post-check added"));
    assertThat(amended.status()).as(amended.body()).isEqualTo(302);
    assertThat(amended.location()).endsWith("/changes/" + id);
    assertThat(requester.get("/changes/" + id).body()).contains("is amended and goes back to its review")
        .doesNotContain("id=\"h-amend\"");

    assertThat(tasks.createTaskQuery().taskId(amend.getId()).count()).as("the rework task is done").isZero();
    Task again = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Reviews.SIGN_OFF).taskCandidateGroup("operations").singleResult(), t -> t != null,
        "the second operations sign-off");
    assertThat(again).isNotNull();
    JsonNode record = change(id);
    assertThat(record.path("description").asText()).isEqualTo("Raise the worker pool to 40, one pod at a time");
    assertThat(record.path("rollbackPlan").asText()).isEqualTo("Set the pool back to 20");
    assertThat(record.path("runbook").path("steps").get(1).asText()).isEqualTo("Restart pods one by one");
    assertThat(record.path("runbook").path("postChecks").get(0).asText()).isEqualTo("pool wait time p95 < 5 ms");
    JsonNode entry = null;
    for (JsonNode e : record.path("timeline")) {
      if ("CHANGE_AMENDED".equals(e.path("event").asText())) {
        entry = e;
      }
    }
    assertThat(entry).as("the amendment on the timeline").isNotNull();
    assertThat(entry.toString()).contains("requester").contains("post-check added");
  }

  @Test
  void nobodyElseSeesTheFormAndAForgedPostOrOneWithoutTokenIsRefused() {
    String id = sentBack("Rotate the pool credentials");
    Task amend = reviews.awaitTask(id, "Task_AmendForSignOff");
    Map<String, String> form = Map.of("description", "hijacked", "runbookSteps", "1. do something else");

    PageSession reviewer = new PageSession(port).logIn("reviewer");
    assertThat(reviewer.get("/changes/" + id).body()).doesNotContain("id=\"h-amend\"");
    assertThat(reviewer.post("/changes/" + id + "/amend", form).status()).isEqualTo(403);
    PageSession admin = new PageSession(port).logIn("admin");
    assertThat(admin.post("/changes/" + id + "/amend", form).status()).as("not even an administrator").isEqualTo(403);

    PageSession requester = new PageSession(port).logIn("requester");
    assertThat(requester.postRaw("/changes/" + id + "/amend", form).status()).as("no CSRF token").isEqualTo(403);

    Task still = tasks.createTaskQuery().taskId(amend.getId()).singleResult();
    assertThat(still).as("the task stays open").isNotNull();
    assertThat(still.getAssignee()).as("and unclaimed").isNull();
    JsonNode record = change(id);
    assertThat(record.path("description").asText()).isEqualTo("Original description of the worker pool");
    assertThat(record.path("timeline").findValuesAsText("event")).doesNotContain("CHANGE_AMENDED");
  }

  /** A normal change whose operations sign-off asked for changes: its rework task waits for the requester. */
  private String sentBack(String title) {
    Map<String, Object> change = new LinkedHashMap<>(Changes.normal(title));
    change.put("description", "Original description of the worker pool");
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task operations = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery()
        .processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF).taskCandidateGroup("operations")
        .singleResult(), t -> t != null, "the operations sign-off of " + id);
    Http.Response asked = reviews.complete("ops-engineer", operations.getId(),
        Reviews.decision("REQUEST_CHANGES", "Add a post-check on the pool metrics"));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(204);
    return id;
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }
}
