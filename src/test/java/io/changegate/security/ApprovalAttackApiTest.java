package io.changegate.security;

import static io.changegate.support.Reviews.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Approvals tried as an attacker would, over real HTTP, logged in as each demo role that could try: every way a
 * person can touch a task or an instance through {@code /engine-rest} and the webapps' API to spoof, skip or rewrite
 * a decision. Each attempt must be refused with a 4xx and a reason, and leave everything as it was: the task open
 * and unclaimed, its variables, the change's timeline and the audit trail.
 */
@ChangegateIntegrationTest
class ApprovalAttackApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;

  Reviews reviews;

  @BeforeEach
  void reviews() {
    reviews = new Reviews(port, tasks);
  }

  // --- finding 1: self-approval by spoofing the change id -------------------------------------------------------

  @Test
  void theRequesterCannotPeerReviewTheirOwnRunbookByNamingAnotherChange() {
    String other = submit("reviewer", Changes.normal("Someone else's change"));
    String own = submit("requester", withRunbook(Changes.normal("Own risky change")));
    reviews.passFmea(own, "requester", Reviews.highRiskWorksheet());
    Task review = reviews.awaitTask(own, Reviews.REVIEW_RUNBOOK);
    Snapshot before = new Snapshot(own, other, review);

    Http requester = Http.as(port, "requester");
    Http.Response local = requester.send(requester.request("/engine-rest/task/" + review.getId()
        + "/localVariables/changeId").header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"" + other + "\",\"type\":\"String\"}")));
    refused(local, "only an administrator");

    Map<String, Object> spoofed = new HashMap<>(verifiedRunbook());
    spoofed.put("changeId", Map.of("value", other));
    refused(reviews.complete("requester", review.getId(), spoofed), "does not take changeId");
    refused(reviews.complete("requester", review.getId(), verifiedRunbook()), "requester requested " + own);

    before.assertUnchanged();
    assertThat(offeredTo(review)).as("the requester is not offered their own review").doesNotContain("requester")
        .contains("user reviewer");
  }

  @Test
  void operationsCannotAssessOrSignOffTheirOwnProductionChange() {
    String other = submit("requester", Changes.normal("A developer's change"));
    String own = submit("ops-engineer", Changes.normal("Ops engineer's own production change"));
    Task fill = reviews.awaitTask(own, Reviews.FILL_FMEA);
    assertThat(reviews.complete("ops-engineer", fill.getId(), Map.of("fmea", Reviews.json(Reviews.lowRiskWorksheet())))
        .status()).isEqualTo(204);
    Task assess = reviews.awaitTask(own, Reviews.ASSESS_FMEA);
    Snapshot before = new Snapshot(own, other, assess);

    Map<String, Object> spoofed = new HashMap<>(decision("APPROVE", "looks fine"));
    spoofed.put("changeId", Map.of("value", other));
    refused(reviews.complete("ops-engineer", assess.getId(), spoofed), "does not take changeId");
    refused(Http.as(port, "ops-engineer").post("/engine-rest/task/" + assess.getId() + "/claim",
        Map.of("userId", "ops-engineer")), "ops-engineer requested " + own);
    refused(reviews.complete("ops-engineer", assess.getId(), decision("APPROVE", "looks fine")),
        "ops-engineer requested " + own);
    before.assertUnchanged();

    assertThat(reviews.complete("ops-lead", assess.getId(), decision("APPROVE", "sound")).status()).isEqualTo(204);
    Task operations = reviews.awaitTask(own, Reviews.SIGN_OFF);
    assertThat(operations.getName()).isEqualTo("Sign off (operations)");
    assertThat(offeredTo(operations)).as("operations' sign-off goes to its other members by name")
        .contains("user ops-lead").doesNotContain("user ops-engineer", "group operations");
    Snapshot signOff = new Snapshot(own, other, operations);
    refused(reviews.complete("ops-engineer", operations.getId(), decision("APPROVE", null)),
        "ops-engineer requested " + own);
    signOff.assertUnchanged();
    assertThat(change(own).path("approvals").findValuesAsText("who")).doesNotContain("ops-engineer");
  }

  @Test
  void aWorksheetIsFilledOnlyByTheRequesterOfItsChange() {
    String victim = submit("reviewer", Changes.normal("Reviewer's change"));
    Task fill = reviews.awaitTask(victim, Reviews.FILL_FMEA);
    Snapshot before = new Snapshot(victim, victim, fill);

    refused(reviews.complete("requester", fill.getId(), Map.of("fmea", Reviews.json(Reviews.lowRiskWorksheet()))),
        "not for requester");
    refused(Http.as(port, "requester").post("/engine-rest/task/" + fill.getId() + "/claim",
        Map.of("userId", "requester")), "not for requester");
    before.assertUnchanged();
  }

  // --- finding 2: operations skip approvals ---------------------------------------------------------------------

  @Test
  void operationsCannotModifyInstancesWriteVariablesOrSendMessages() {
    String id = submit("requester", Changes.normal("Change that must be reviewed"));
    Task fill = reviews.awaitTask(id, Reviews.FILL_FMEA);
    String root = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).rootProcessInstances()
        .singleResult().getId();
    String normal = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey("normal-change").singleResult().getId();
    Snapshot before = new Snapshot(id, id, fill);

    Http ops = Http.as(port, "ops-engineer");
    Http.Response modification = ops.post("/engine-rest/process-instance/" + normal + "/modification", Map.of(
        "instructions", List.of(Map.of("type", "cancel", "activityId", "CallActivity_FmeaReview"),
            Map.of("type", "startBeforeActivity", "activityId", "Gateway_NormalSlotRetry")),
        "annotation", "skip the review"));
    assertThat(modification.status()).as(modification.toString()).isEqualTo(403);
    Http.Response variable = ops.send(ops.request("/engine-rest/process-instance/" + normal + "/variables/riskLevel")
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"LOW\",\"type\":\"String\"}")));
    refused(variable, "only an administrator");
    refused(ops.post("/engine-rest/process-instance/" + root + "/variables",
        Map.of("modifications", Map.of("x", Map.of("value", "y")))), "only an administrator");
    Http.Response suspend = ops.send(ops.request("/engine-rest/process-instance/" + normal + "/suspended")
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"suspended\":true}")));
    assertThat(suspend.status()).as(suspend.toString()).isEqualTo(403);
    Http.Response delete = ops.send(ops.request("/engine-rest/process-instance/" + normal).DELETE());
    assertThat(delete.status()).as(delete.toString()).isEqualTo(403);

    refused(ops.post("/engine-rest/message", Map.of("messageName", "ChangeCancelled", "businessKey", id)),
        "only an administrator");
    refused(ops.post("/engine-rest/signal", Map.of("name", "anything")), "only an administrator");
    refused(ops.post("/engine-rest/execution/" + normal + "/localVariables/x",
        Map.of("value", "y")), null);
    before.assertUnchanged();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(normal).active().count()).isOne();
  }

  @Test
  void operationsKeepJobRetries() {
    String id = submit("requester", Changes.normal("Change with an escalation timer"));
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    reviews.awaitTask(id, Reviews.SIGN_OFF);
    String job = Http.as(port, "ops-engineer").get("/engine-rest/job?processInstanceBusinessKey=" + id)
        .json().path(0).path("id").asText();
    assertThat(job).isNotBlank();
    Http ops = Http.as(port, "ops-engineer");
    Http.Response retries = ops.send(ops.request("/engine-rest/job/" + job + "/retries")
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"retries\":3}")));
    assertThat(retries.status()).as(retries.toString()).isEqualTo(204);
  }

  // --- finding 3: signing for another group -----------------------------------------------------------------------

  @Test
  void aSignerCannotOpenTheirTaskToAnotherGroupNorSignForOne() {
    Map<String, Object> regulated = new LinkedHashMap<>(Changes.normal("Regulated change"));
    regulated.put("regulated", true);
    String id = submit("requester", regulated);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task legal = awaitSignOff(id, "legal");
    Snapshot before = new Snapshot(id, id, legal);

    Http counsel = Http.as(port, "legal-counsel");
    Http.Response link = counsel.post("/engine-rest/task/" + legal.getId() + "/identity-links",
        Map.of("groupId", "operations", "type", "candidate"));
    assertThat(link.status()).as(link.toString()).isIn(400, 403);
    refused(Http.as(port, "ops-engineer").post("/engine-rest/task/" + legal.getId() + "/complete",
        Map.of("variables", decision("APPROVE", null))), "not for ops-engineer");
    before.assertUnchanged();

    // even when an administrator widens the task by hand, it stays legal's sign-off: the group it was created for
    assertThat(Http.as(port, "admin").post("/engine-rest/task/" + legal.getId() + "/identity-links",
        Map.of("groupId", "operations", "type", "candidate")).status()).isEqualTo(204);
    refused(reviews.complete("ops-engineer", legal.getId(), decision("APPROVE", null)), "not for ops-engineer");
    assertThat(tasks.createTaskQuery().taskId(legal.getId()).count()).as("still open").isOne();
  }

  // --- how else: every other way to touch a task ------------------------------------------------------------------

  @Test
  void nobodyClaimsForOthersTakesAClaimedTaskOrRewiresOne() {
    Map<String, Object> regulated = new LinkedHashMap<>(Changes.normal("Change with a legal sign-off"));
    regulated.put("regulated", true);
    String id = submit("requester", regulated);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task legal = awaitSignOff(id, "legal");
    Task operations = awaitSignOff(id, "operations");
    Snapshot before = new Snapshot(id, id, legal);

    Http counsel = Http.as(port, "legal-counsel");
    String task = "/engine-rest/task/" + legal.getId();
    refused(Http.as(port, "ops-lead").post("/engine-rest/task/" + operations.getId() + "/claim",
        Map.of("userId", "ops-engineer")), "only for themselves");
    assertThat(counsel.post(task + "/assignee", Map.of("userId", "legal-counsel")).status()).isIn(400, 403);
    assertThat(counsel.post(task + "/delegate", Map.of("userId", "legal-counsel")).status()).isIn(400, 403);
    assertThat(counsel.post(task + "/variables", Map.of("modifications",
        Map.of("decision", Map.of("value", "APPROVE")))).status()).isIn(400, 403);
    assertThat(counsel.send(counsel.request(task).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Sign off (nobody)\"}"))).status())
        .isIn(400, 403);
    refused(counsel.post(task + "/bpmnError", Map.of("errorCode", "Error_Anything")), "only an administrator");
    refused(counsel.post(task + "/bpmnEscalation", Map.of("escalationCode", "anything")), "only an administrator");
    Map<String, Object> routed = new HashMap<>(decision("APPROVE", null));
    routed.put("signOffDecision", Map.of("value", "REJECT"));
    refused(counsel.post(task + "/submit-form", Map.of("variables", routed)), "does not take signOffDecision");
    Map<String, Object> facts = new HashMap<>(decision("APPROVE", null));
    facts.put("riskLevel", Map.of("value", "HIGH"));
    refused(reviews.complete("legal-counsel", legal.getId(), facts), "does not take riskLevel");
    before.assertUnchanged();

    // claimed by one, the task is theirs: nobody else completes or gives it back
    assertThat(counsel.post(task + "/claim", Map.of("userId", "legal-counsel")).status()).isEqualTo(204);
    refused(Http.as(port, "admin").post(task + "/complete", Map.of("variables", decision("APPROVE", null))),
        "not a member of legal");
    assertThat(tasks.createTaskQuery().taskId(legal.getId()).singleResult().getAssignee()).isEqualTo("legal-counsel");

    // read-only fields that merely repeat what the form showed pass: the decision is the signer's own
    Map<String, Object> echo = new HashMap<>(decision("APPROVE", "fine"));
    echo.put("changeId", Map.of("value", id));
    assertThat(counsel.post(task + "/submit-form", Map.of("variables", echo)).status()).isEqualTo(204);
    assertThat(change(id).path("approvals").findValuesAsText("who")).contains("legal-counsel");
  }

  @Test
  void anEmergencyStartsWithItsFormOnlyNoBusinessKeyNoExtraFactsNoShortcut() {
    Http ops = Http.as(port, "ops-engineer");
    String start = "/engine-rest/process-definition/key/emergency-change/";
    long before = runtime.createProcessInstanceQuery().processDefinitionKey("emergency-change").count();
    String changeCount = Http.as(port, "auditor").get("/api/changes?limit=500").body();

    refused(ops.post(start + "start", Map.of("businessKey", "CHG-000001", "variables", emergencyForm())),
        "start without a business key");
    Map<String, Object> extra = new HashMap<>(emergencyForm());
    extra.put("changeId", Map.of("value", "CHG-000001"));
    refused(ops.post(start + "start", Map.of("variables", extra)), "does not start with changeId");
    Map<String, Object> typed = new HashMap<>(emergencyForm());
    typed.put("changeType", Map.of("value", "STANDARD"));
    refused(ops.post(start + "submit-form", Map.of("variables", typed)), "does not start with changeType");
    refused(ops.post(start + "start", Map.of("variables", emergencyForm(), "startInstructions",
        List.of(Map.of("type", "startBeforeActivity", "activityId", "CallActivity_DeployEmergencyChange")))),
        "only an administrator");

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("emergency-change").count())
        .isEqualTo(before);
    assertThat(Http.as(port, "auditor").get("/api/changes?limit=500").body()).isEqualTo(changeCount);
  }

  @Test
  void theWebappsApiHoldsTheSameRules() {
    String id = submit("requester", withRunbook(Changes.normal("Own change reviewed in Tasklist")));
    reviews.passFmea(id, "requester", Reviews.highRiskWorksheet());
    Task review = reviews.awaitTask(id, Reviews.REVIEW_RUNBOOK);
    Snapshot before = new Snapshot(id, id, review);

    WebappSession tasklist = WebappSession.loggedIn(port, "requester");
    HttpResponse<String> claim = tasklist.postJson("/camunda/api/engine/engine/default/task/" + review.getId()
        + "/claim", "{\"userId\":\"requester\"}", true);
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(400);
    assertThat(claim.body()).contains("requester requested " + id);
    HttpResponse<String> forOthers = tasklist.postJson("/camunda/api/engine/engine/default/task/" + review.getId()
        + "/claim", "{\"userId\":\"reviewer\"}", true);
    assertThat(forOthers.statusCode()).as(forOthers.body()).isEqualTo(400);
    assertThat(forOthers.body()).contains("only for themselves");
    before.assertUnchanged();
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  /** What must not change when an attempt is refused: the task, its variables, both changes' timelines. */
  private final class Snapshot {
    private final String changeId;
    private final String otherId;
    private final Task task;
    private final String assignee;
    private final Map<String, Object> variables;
    private final JsonNode timeline;
    private final JsonNode otherTimeline;

    Snapshot(String changeId, String otherId, Task task) {
      this.changeId = changeId;
      this.otherId = otherId;
      this.task = task;
      this.assignee = tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
      this.variables = tasks.getVariables(task.getId());
      this.timeline = change(changeId).path("timeline");
      this.otherTimeline = change(otherId).path("timeline");
    }

    void assertUnchanged() {
      Task now = tasks.createTaskQuery().taskId(task.getId()).singleResult();
      assertThat(now).as("task still open").isNotNull();
      assertThat(now.getAssignee()).as("assignee").isEqualTo(assignee);
      assertThat(tasks.getVariables(task.getId())).as("variables").hasToString(variables.toString());
      assertThat(change(changeId).path("timeline")).as("timeline of " + changeId).isEqualTo(timeline);
      assertThat(change(otherId).path("timeline")).as("timeline of " + otherId).isEqualTo(otherTimeline);
      assertThat(Http.as(port, "auditor").get("/api/audit/verification").json().path("intact").asBoolean())
          .as("audit chain intact").isTrue();
    }
  }

  private static void refused(Http.Response response, String reason) {
    assertThat(response.status()).as(response.toString()).isBetween(400, 499);
    if (reason != null) {
      assertThat(response.body()).as(response.toString()).contains(reason);
    }
  }

  private List<String> offeredTo(Task task) {
    List<String> offered = new ArrayList<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if ("candidate".equals(link.getType())) {
        offered.add(link.getGroupId() != null ? "group " + link.getGroupId() : "user " + link.getUserId());
      }
    }
    return offered;
  }

  private Task awaitSignOff(String id, String group) {
    return io.changegate.support.Await.until(java.time.Duration.ofSeconds(30),
        () -> tasks.createTaskQuery().processInstanceBusinessKey(id).taskName("Sign off (" + group + ")")
            .singleResult(), t -> t != null, group + " sign-off of " + id);
  }

  private String submit(String user, Map<String, Object> change) {
    Http.Response created = Http.as(port, user).post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private static Map<String, Object> withRunbook(Map<String, Object> change) {
    Map<String, Object> withRunbook = new LinkedHashMap<>(change);
    withRunbook.put("runbook", Map.of("preChecks", List.of("On-call acknowledged"), "steps", List.of("Sync"),
        "postChecks", List.of("Synthetic check green"), "rollbackSteps", List.of("Roll back")));
    return withRunbook;
  }

  private static Map<String, Object> verifiedRunbook() {
    Map<String, Object> variables = new HashMap<>(decision("APPROVE", null));
    for (String flag : List.of("preChecksVerified", "stepsVerified", "postChecksVerified", "rollbackStepsVerified")) {
      variables.put(flag, Map.of("value", true));
    }
    return variables;
  }

  private static Map<String, Object> emergencyForm() {
    return Map.of("title", Map.of("value", "Hotfix"), "service", Map.of("value", "payments-api"),
        "environment", Map.of("value", "staging"), "impact", Map.of("value", "HIGH"),
        "emergencyJustification", Map.of("value", "Card payments fail"));
  }
}
