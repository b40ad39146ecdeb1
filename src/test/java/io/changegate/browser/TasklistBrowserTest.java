package io.changegate.browser;

import io.changegate.emergency.EmergencyProcess;
import io.changegate.change.ChangeProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.Browser;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import io.changegate.support.TasklistPage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real Tasklist in headless Chromium: an approver logs in, finds the task in a seeded filter by its
 * change id, reads the Camunda Form, decides and completes; the engine records it and the process moves on.
 * Needs Debian's chromium and chromium-driver (skipped with the reason without them, failing in CI).
 */
@ChangegateIntegrationTest
class TasklistBrowserTest {

  private static final String ECAB_TASK = "Approve emergency change (ECAB)";

  @RegisterExtension static final Browser browser = new Browser();

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;

  @Test
  void theRequesterFillsInTheFmeaWorksheetInTasklistAndItIsRated() {
    String title = "Browser FMEA " + System.nanoTime() % 100000;
    Map<String, Object> request = new LinkedHashMap<>(Changes.normal(title));
    request.put("environment", "staging");
    Http.Response created = Http.as(port, "requester").post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    Task fill = new Reviews(port, tasks).awaitTask(id, Reviews.FILL_FMEA);

    TasklistPage tasklist = TasklistPage.open(browser.driver(), port).logIn("requester");
    tasklist.selectFilter("Asked of me");
    String taskId = tasklist.openTask("Fill in the FMEA worksheet", id);
    assertThat(taskId).isEqualTo(fill.getId());
    assertThat(tasklist.formText()).contains(title);
    tasklist.claim()
        .fill("Step / component", "database migration")
        .fill("Failure mode", "lock on the payments table")
        .fill("Effect", "card payments time out")
        .fill("Cause", "migration takes an exclusive lock")
        .fill("Severity (S)", "7")
        .fill("Occurrence (O)", "3")
        .fill("Detection (D)", "2")
        .save()
        .submit();
    // Tasklist sends the dynamic list as a Json variable; after a list form it may keep the form open, so
    // the completion is read from the engine
    Await.until(Duration.ofSeconds(30), () -> history.createHistoricTaskInstanceQuery().taskId(fill.getId())
        .singleResult().getEndTime(), end -> end != null, "the worksheet task to be completed");

    Task assess = new Reviews(port, tasks).awaitTask(id, Reviews.ASSESS_FMEA);
    assertThat(assess).isNotNull();
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(change.path("riskLevel").asText()).as("severity 7: MEDIUM by fmea-risk-level").isEqualTo("MEDIUM");
    java.util.List<String> events = change.path("timeline").findValuesAsText("event");
    assertThat(events).contains("FMEA_SAVED", "FMEA_ASSESSED");
  }

  @Test
  void theSecurityOfficerSignsOffANormalChangeInTasklistAndTheProcessMovesOn() {
    String title = "Browser sign-off " + System.nanoTime() % 100000;
    Map<String, Object> request = new LinkedHashMap<>(Changes.normal(title));
    // with security-relevant: the table asks security, and staging's owner group (operations)
    request.put("environment", "staging");
    request.put("securityRelevant", true);
    Http.Response created = Http.as(port, "requester").post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    Reviews reviews = new Reviews(port, tasks);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    java.util.List<Task> round = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery()
        .processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF).list(), l -> l.size() == 2,
        "the sign-offs of " + id);
    Task signOff = round.stream().filter(t -> t.getName().equals("Sign off (security)")).findFirst().orElseThrow();
    Task owner = round.stream().filter(t -> t.getName().equals("Sign off (operations)")).findFirst().orElseThrow();
    assertThat(reviews.complete("ops-engineer", owner.getId(), Reviews.decision("APPROVE", null)).status())
        .isEqualTo(204);

    TasklistPage tasklist = TasklistPage.open(browser.driver(), port).logIn("security-officer");
    tasklist.selectFilter("My group's tasks");
    String taskId = tasklist.openTask("Sign off (security)", id);

    assertThat(taskId).isEqualTo(signOff.getId());
    assertThat(tasklist.formText()).contains("Sign-off for security: " + id).contains(title);
    assertThat(tasklist.formValues()).containsEntry("Service", "payments-api").containsEntry("Environment", "staging")
        .containsEntry("Requested by", "requester").containsEntry("FMEA risk level", "LOW");
    tasklist.claim()
        .chooseOption("Your decision", "Approve")
        .fill("Comment", "Threat model reviewed")
        .complete();

    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(signOff.getId()).singleResult();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(done.getAssignee()).isEqualTo("security-officer");
    JsonNode moved = Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("timeline").findValuesAsText("event").contains("APPROVED"), id + " signed off and approved");
    JsonNode last = moved.path("approvals").get(moved.path("approvals").size() - 1);
    assertThat(last.path("who").asText()).isEqualTo("security-officer");
    assertThat(last.path("group").asText()).isEqualTo("security");
    assertThat(last.path("decision").asText()).isEqualTo("APPROVE");
    assertThat(last.path("comment").asText()).isEqualTo("Threat model reviewed");
  }

  @Test
  void theEcabApprovesAnEmergencyChangeInTasklist() {
    String title = "Browser hotfix " + System.nanoTime() % 100000;
    String id = startEmergency("ops-engineer", title);
    Task ecab = tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("Task_EcabApproval")
        .singleResult();
    assertThat(ecab).as("ECAB task of " + id).isNotNull();

    TasklistPage tasklist = TasklistPage.open(browser.driver(), port).logIn("cab-chair");
    assertThat(tasklist.filterNames()).contains("My group's tasks", "Assigned to me", "Overdue");
    tasklist.selectFilter("My group's tasks");
    String taskId = tasklist.openTask(ECAB_TASK, id);

    assertThat(taskId).isEqualTo(ecab.getId());
    assertThat(tasklist.formText()).contains("Emergency change " + id).contains(title);
    assertThat(tasklist.fieldValue("Requested by")).isEqualTo("ops-engineer");
    assertThat(tasklist.formValues()).containsEntry("Service", "payments-api").containsEntry("Environment", "staging");
    tasklist.claim()
        .chooseOption("Your decision", "Approve")
        .fill("Comment", "Approved in Tasklist: declines confirmed")
        .complete();

    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(ecab.getId()).singleResult();
    assertThat(done.getEndTime()).as("ECAB task completed").isNotNull();
    assertThat(done.getAssignee()).isEqualTo("cab-chair");
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    Task pir = Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("Task_PostImplementationReview").singleResult(), t -> t != null,
        "the process to move on to the post-implementation review of " + id);
    assertThat(pir.getName()).isEqualTo("Post-implementation review (CAB)");
    JsonNode change = Http.as(port, "auditor").get("/api/changes/" + id).json();
    JsonNode approval = change.path("approvals").get(0);
    assertThat(approval.path("who").asText()).isEqualTo("cab-chair");
    assertThat(approval.path("decision").asText()).isEqualTo("APPROVE");
    assertThat(approval.path("comment").asText()).isEqualTo("Approved in Tasklist: declines confirmed");
    assertThat(change.path("timeline").findValuesAsText("event")).contains("DECISION");
    boolean decidedByCabChair = false;
    for (JsonNode event : change.path("timeline")) {
      decidedByCabChair |= event.path("event").asText().equals("DECISION")
          && event.path("actor").asText().equals("cab-chair");
    }
    assertThat(decidedByCabChair).as("DECISION by cab-chair in the timeline of " + id).isTrue();
  }

  @Test
  void tasklistShowsTheFormsValidationAndTheEnginesRefusalAndARejectionWithAReasonEndsTheChange() {
    String id = startEmergency("ops-engineer", "Browser hotfix to reject " + System.nanoTime() % 100000);
    TasklistPage tasklist = TasklistPage.open(browser.driver(), port).logIn("cab-chair")
        .selectFilter("My group's tasks");
    String taskId = tasklist.openTask(ECAB_TASK, id);
    tasklist.claim();

    assertThatThrownBy(tasklist::complete).as("no decision").hasMessageContaining("Field is required");
    tasklist.dismissNotifications().chooseOption("Your decision", "Reject");
    assertThatThrownBy(tasklist::complete).as("rejected without a comment")
        .hasMessageContaining("A rejection needs a comment");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("cab-chair");
    tasklist.dismissNotifications().fill("Comment", "Not an emergency: wait for the CAB on Monday").complete();

    JsonNode change = Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id)
        .json(), c -> c.path("status").asText().equals("REJECTED"), id + " rejected");
    JsonNode decision = change.path("approvals").get(0);
    assertThat(decision.path("who").asText()).isEqualTo("cab-chair");
    assertThat(decision.path("decision").asText()).isEqualTo("REJECT");
    assertThat(decision.path("comment").asText()).isEqualTo("Not an emergency: wait for the CAB on Monday");
  }

  @Test
  void aRequesterIsNotOfferedTheReviewOfTheirOwnChange() {
    Task review = runbookReviewOfANewChange("Browser own review");

    TasklistPage own = TasklistPage.open(browser.driver(), port).logIn("requester");
    for (String filter : java.util.List.of("My group's tasks", "Asked of me")) {
      assertThat(own.selectFilter(filter).taskList()).as(filter + " of the requester")
          .noneMatch(card -> card.id().equals(review.getId()));
    }
    assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getUserId())
        .as("offered by name to the other developers").contains("reviewer").doesNotContain("requester");
  }

  @Test
  void theReviewerFindsTheReviewByNameAndAnEngineRefusalReadsPlainly() {
    Task review = runbookReviewOfANewChange("Browser refused review");
    String id = tasks.createTaskQuery().taskId(review.getId()).singleResult().getProcessInstanceId();
    id = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey();

    TasklistPage tasklist = TasklistPage.open(browser.driver(), port).logIn("reviewer").selectFilter("Asked of me");
    assertThat(tasklist.openTask("Peer-review the runbook", id)).isEqualTo(review.getId());
    tasklist.claim().chooseOption("Your decision", "Approve");
    assertThatThrownBy(tasklist::complete).as("approved without confirming the runbook's parts")
        .hasMessageContaining("Approving the runbook confirms every part was verified")
        .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain("ENGINE-", "HTTP 500"));
    assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo("reviewer");
  }

  /** A HIGH-risk change of {@code requester} with a runbook, waiting for its runbook peer review. */
  private Task runbookReviewOfANewChange(String titlePrefix) {
    Map<String, Object> request = new LinkedHashMap<>(Changes.normal(titlePrefix + " " + System.nanoTime() % 100000));
    request.put("environment", "staging");
    request.put("runbook", Map.of("preChecks", java.util.List.of("On-call acknowledged"),
        "steps", java.util.List.of("Sync the app"), "postChecks", java.util.List.of("Synthetic check green"),
        "rollbackSteps", java.util.List.of("Roll back the app")));
    Http.Response created = Http.as(port, "requester").post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    Reviews reviews = new Reviews(port, tasks);
    reviews.passFmea(id, "requester", Reviews.highRiskWorksheet());
    return reviews.awaitTask(id, Reviews.REVIEW_RUNBOOK);
  }

  /** Starts an emergency change with the Tasklist start form's REST call; returns its change id. */
  private String startEmergency(String user, String title) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ChangeProcess.TITLE.name(), Map.of("value", title));
    v.put(ChangeProcess.SERVICE.name(), Map.of("value", "payments-api"));
    v.put(ChangeProcess.ENVIRONMENT.name(), Map.of("value", "staging"));
    v.put(EmergencyProcess.ARTIFACT_NAME.name(), Map.of("value", "payments-api"));
    v.put(EmergencyProcess.ARTIFACT_VERSION.name(), Map.of("value", "2.0.1"));
    v.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", Changes.newDigest()));
    v.put(ChangeProcess.IMPACT.name(), Map.of("value", "HIGH"));
    v.put(ChangeProcess.INCIDENT_REFERENCE.name(), Map.of("value", "INC-4711"));
    v.put(ChangeProcess.JUSTIFICATION.name(), Map.of("value", "Card payments declines for 30% of customers"));
    Http.Response started = Http.as(port, user).post(
        "/engine-rest/process-definition/key/emergency-change/submit-form", Http.map("variables", v));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    return started.json().path("businessKey").asText();
  }
}
