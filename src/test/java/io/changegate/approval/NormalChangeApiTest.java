package io.changegate.approval;

import static io.changegate.support.Reviews.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A normal change over real HTTP with HTTP Basic, as the demo users of docs/names.md would walk it in Tasklist:
 * FMEA, runbook peer review, DMN-routed sign-offs, deployment; every decision in the change's record; and the
 * engine's segregation of duties refusing what Tasklist and {@code /engine-rest} would otherwise let through.
 */
@ChangegateIntegrationTest
class NormalChangeApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  Reviews reviews;

  @BeforeEach
  void reviews() {
    reviews = new Reviews(port, tasks);
  }

  /**
   * A HIGH-impact, regulated, security-relevant production change with a runbook, its digest tested in staging and its
   * rollback rehearsed there.
   */
  private Map<String, Object> riskyProductionChange(String title) {
    Map<String, Object> staging = Changes.standard(title + " (staging)");
    String stagingId = submit(staging);
    Await.until(Duration.ofSeconds(60), () -> status(stagingId), "COMPLETED"::equals, stagingId + " completed");
    // a HIGH-risk production change: its rollback is rehearsed in staging before its sign-offs
    io.changegate.support.Rehearsals.rehearse(port, stagingId);

    Map<String, Object> change = new LinkedHashMap<>(Changes.normal(title));
    change.put("artifact", staging.get("artifact"));
    change.put("impact", "HIGH");
    change.put("regulated", true);
    change.put("securityRelevant", true);
    change.put("rollbackPlan", "Argo CD rollback to the previous revision");
    change.put("runbook", Map.of(
        "preChecks", List.of("Error budget above 50%", "On-call engineer acknowledged"),
        "steps", List.of("Sync payments-api in Argo CD", "Watch the canary for 10 minutes"),
        "postChecks", List.of("Checkout synthetic check green"),
        "rollbackSteps", List.of("Argo CD: roll back to the previous revision")));
    return change;
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private String status(String id) {
    return change(id).path("status").asText();
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private static Map<String, Object> verifiedRunbook(String decisionValue, String comment) {
    Map<String, Object> variables = new HashMap<>(decision(decisionValue, comment));
    for (String flag : List.of("preChecksVerified", "stepsVerified", "postChecksVerified", "rollbackStepsVerified")) {
      variables.put(flag, Map.of("value", true));
    }
    return variables;
  }

  private Task signOffOf(String id, String group) {
    return tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF)
        .taskCandidateGroup(group).singleResult();
  }

  @Test
  void aHighRiskRegulatedSecurityRelevantProductionChangeWalksEveryReviewAndEveryDecisionIsOnRecord() {
    String id = submit(riskyProductionChange("Move card tokens to the new vault"));
    assertThat(change(id).path("runbook").path("steps")).hasSize(2);
    assertThat(change(id).path("runbookAuthor").asText()).isEqualTo("requester");

    // FMEA: a severity-9 failure mode rates the change HIGH
    reviews.passFmea(id, "requester", Reviews.highRiskWorksheet());

    // runbook peer review: not the requester (who wrote it), a developer who verified every part
    Task review = reviews.awaitTask(id, Reviews.REVIEW_RUNBOOK);
    assertThat(change(id).path("riskLevel").asText()).isEqualTo("HIGH");
    Http.Response own = reviews.complete("requester", review.getId(), verifiedRunbook("APPROVE", null));
    assertThat(own.status()).as(own.toString()).isEqualTo(400);
    assertThat(own.json().path("message").asText()).contains("segregation of duties");
    Http.Response unverified = reviews.complete("reviewer", review.getId(), decision("APPROVE", null));
    assertThat(unverified.status()).as(unverified.toString()).isEqualTo(400);
    assertThat(unverified.json().path("message").asText()).contains("not confirmed");
    Http.Response reviewed = reviews.complete("reviewer", review.getId(), verifiedRunbook("APPROVE", "ran it on staging"));
    assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(204);

    // sign-offs: the table requires legal, security, operations and the CAB, in parallel
    Task legal = Await.until(Duration.ofSeconds(30), () -> signOffOf(id, "legal"), t -> t != null, "legal sign-off");
    List<String> groups = new ArrayList<>();
    for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF).list()) {
      groups.add(t.getName());
    }
    assertThat(groups).containsExactlyInAnyOrder("Sign off (legal)", "Sign off (security)", "Sign off (operations)",
        "Sign off (cab)");
    assertThat(legal.getDueDate()).isNotNull();

    // the requester, even when in a signing group, cannot claim nor sign off their own change
    Task operations = signOffOf(id, "operations");
    identity.createMembership("requester", "operations");
    try {
      Http.Response claim = Http.as(port, "requester").post("/engine-rest/task/" + operations.getId() + "/claim",
          Map.of("userId", "requester"));
      assertThat(claim.status()).as(claim.toString()).isEqualTo(400);
      Http.Response self = reviews.complete("requester", operations.getId(), decision("APPROVE", null));
      assertThat(self.status()).as(self.toString()).isEqualTo(400);
      assertThat(self.json().path("message").asText()).contains("requester requested " + id)
          .contains("segregation of duties");
    } finally {
      identity.deleteMembership("requester", "operations");
    }
    Task unchanged = tasks.createTaskQuery().taskId(operations.getId()).singleResult();
    assertThat(unchanged).as("still open").isNotNull();
    assertThat(unchanged.getAssignee()).isNull();

    // one person, one sign-off: cab-chair signs for the CAB, then may not sign for legal as well
    Http.Response cab = reviews.complete("cab-chair", signOffOf(id, "cab").getId(), decision("APPROVE", null));
    assertThat(cab.status()).as(cab.toString()).isEqualTo(204);
    identity.createMembership("cab-chair", "legal");
    try {
      Http.Response second = reviews.complete("cab-chair", legal.getId(), decision("APPROVE", null));
      assertThat(second.status()).as(second.toString()).isEqualTo(400);
      assertThat(second.json().path("message").asText()).contains("already signed off " + id + " for cab");
    } finally {
      identity.deleteMembership("cab-chair", "legal");
    }
    assertThat(tasks.createTaskQuery().taskId(legal.getId()).count()).as("legal sign-off still open").isOne();
    assertThat(change(id).path("approvals").findValuesAsText("who")).doesNotContain("requester")
        .containsOnlyOnce("cab-chair");

    reviews.signOffAll(id);

    JsonNode done = Await.until(Duration.ofSeconds(60), () -> change(id),
        c -> "COMPLETED".equals(c.path("status").asText()), id + " completed");
    assertThat(done.path("deployments")).isNotEmpty();
    List<String> decisions = new ArrayList<>();
    for (JsonNode a : done.path("approvals")) {
      decisions.add(a.path("who").asText() + "/" + a.path("group").asText() + "/" + a.path("decision").asText());
      assertThat(a.path("when").asText()).isNotEmpty();
    }
    assertThat(decisions).hasSize(6);
    assertThat(decisions.subList(0, 3)).containsExactly("ops-lead/cab,operations/APPROVE",
        "reviewer/developers/APPROVE", "cab-chair/cab/APPROVE");
    assertThat(decisions.subList(3, 6)).containsExactlyInAnyOrder("legal-counsel/legal/APPROVE",
        "security-officer/security/APPROVE", "ops-engineer/operations/APPROVE");
    List<String> events = done.path("timeline").findValuesAsText("event");
    assertThat(events).containsSubsequence("SUBMITTED", "CLASSIFIED", "FMEA_ASSESSED", "DECISION", "DECISION",
        "SIGN_OFFS_REQUIRED", "DECISION", "SIGN_OFF_ROUND_ENDED", "APPROVED", "COMPLETED");
  }

  @Test
  void aSignOffRejectionNeedsACommentThenEndsTheChangeRejectedAndCancelsTheOtherSignOffs() {
    Map<String, Object> change = new LinkedHashMap<>(Changes.normal("Rotate the signing keys"));
    change.put("securityRelevant", true);
    String id = submit(change);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task security = Await.until(Duration.ofSeconds(30), () -> signOffOf(id, "security"), t -> t != null, "security");

    Http.Response bare = reviews.complete("security-officer", security.getId(), decision("REJECT", null));
    assertThat(bare.status()).as(bare.toString()).isEqualTo(400);
    assertThat(bare.json().path("message").asText()).contains("A rejection needs a comment");

    Http.Response rejected = reviews.complete("security-officer", security.getId(),
        decision("REJECT", "Keys must rotate through the HSM"));
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);

    JsonNode ended = Await.until(Duration.ofSeconds(30), () -> change(id),
        c -> "REJECTED".equals(c.path("status").asText()), id + " rejected");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).as("operations sign-off cancelled").isZero();
    String reason = null;
    for (JsonNode e : ended.path("timeline")) {
      if ("REJECTED".equals(e.path("event").asText())) {
        reason = e.path("details").path("reason").asText();
      }
    }
    assertThat(reason).isEqualTo("Keys must rotate through the HSM");
  }

  @Test
  void aRequestForChangesGoesToTheRequesterWhoAmendsTheRunbookAndEveryGroupSignsAgain() {
    String id = submit(new LinkedHashMap<>(Changes.normal("Raise the connection pool")));
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task operations = Await.until(Duration.ofSeconds(30), () -> signOffOf(id, "operations"), t -> t != null, "ops");

    assertThat(reviews.complete("ops-engineer", operations.getId(),
        decision("REQUEST_CHANGES", "Add a post-check on the pool metrics")).status()).isEqualTo(204);
    Task amend = reviews.awaitTask(id, "Task_AmendForSignOff");

    // only the requester amends: another developer is not offered the task and is refused, and even an
    // administrator, whom the engine's gate lets through, is refused by the amendment's own rule
    Http.Response reviewer = reviews.complete("reviewer", amend.getId(), Map.of());
    assertThat(reviewer.status()).as(reviewer.toString()).isEqualTo(400);
    assertThat(reviewer.json().path("message").asText()).contains("is not for reviewer");
    Http.Response admin = reviews.complete("admin", amend.getId(), Map.of());
    assertThat(admin.status()).as(admin.toString()).isEqualTo(400);
    assertThat(admin.json().path("message").asText()).contains("Only requester").contains("can amend it");
    Http.Response amended = reviews.complete("requester", amend.getId(), Map.of(
        "runbookSteps", Map.of("value", "1. Raise maxPoolSize to 40\n2. Restart pods one by one"),
        "runbookPostChecks", Map.of("value", "- pool wait time p95 < 5 ms"),
        "runbookRollbackSteps", Map.of("value", "Set maxPoolSize back to 20"),
        "amendmentNote", Map.of("value", "post-check added")));
    assertThat(amended.status()).as(amended.toString()).isEqualTo(204);

    Task again = Await.until(Duration.ofSeconds(30), () -> signOffOf(id, "operations"),
        t -> t != null && !t.getId().equals(operations.getId()), "the second operations sign-off");
    JsonNode record = change(id);
    assertThat(record.path("runbook").path("postChecks").get(0).asText()).isEqualTo("pool wait time p95 < 5 ms");
    assertThat(record.path("runbook").path("steps").get(1).asText()).isEqualTo("Restart pods one by one");
    assertThat(record.path("timeline").findValuesAsText("event")).contains("CHANGE_AMENDED");
    assertThat(String.valueOf(tasks.getVariable(again.getId(), "earlierDecisions")))
        .contains("ops-engineer").contains("Add a post-check on the pool metrics");
  }

  @Test
  void tasklistFiltersShowAGroupItsSignOffsAndNotOthers() {
    String id = submit(new LinkedHashMap<>(Changes.normal("Visible to operations")));
    // the requester finds their FMEA worksheet under "Asked of me"; another developer does not
    Task fill = reviews.awaitTask(id, Reviews.FILL_FMEA);
    Map<String, String> requesterFilters = new HashMap<>();
    Http.as(port, "requester").get("/engine-rest/filter?resourceType=Task").json()
        .forEach(f -> requesterFilters.put(f.path("name").asText(), f.path("id").asText()));
    String askedOfMe = "/engine-rest/filter/" + requesterFilters.get("Asked of me") + "/list";
    assertThat(Http.as(port, "requester").post(askedOfMe, "{}").body()).contains(fill.getId());
    assertThat(Http.as(port, "reviewer").post(askedOfMe, "{}").body()).doesNotContain(fill.getId());
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task operations = Await.until(Duration.ofSeconds(30), () -> signOffOf(id, "operations"), t -> t != null, "ops");

    JsonNode filters = Http.as(port, "ops-engineer").get("/engine-rest/filter?resourceType=Task").json();
    Map<String, String> ids = new HashMap<>();
    filters.forEach(f -> ids.put(f.path("name").asText(), f.path("id").asText()));
    assertThat(ids).containsKeys("My group's tasks", "Asked of me", "Assigned to me", "Overdue");

    Http.Response mine = Http.as(port, "ops-engineer").post("/engine-rest/filter/" + ids.get("My group's tasks")
        + "/list", "{}");
    Http.Response notMine = Http.as(port, "legal-counsel").post("/engine-rest/filter/" + ids.get("My group's tasks")
        + "/list", "{}");
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(mine.body()).contains(operations.getId());
    assertThat(notMine.status()).isEqualTo(200);
    assertThat(notMine.body()).doesNotContain(operations.getId());
    assertThat(Http.as(port, "ops-engineer").post("/engine-rest/filter/" + ids.get("Asked of me") + "/list", "{}")
        .body()).as("a group's sign-off is not asked of anyone by name").doesNotContain(operations.getId());
  }
}
