package io.changegate.governance;

import static io.changegate.support.Reviews.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.engine.SystemDeployments;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Deployments;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Governed process models over real HTTP, against the real engine: a process owner deploys as Camunda Modeler does
 * ({@code POST /engine-rest/deployment/create}); the deployment governs nothing until the model change's checks
 * pass and a second process owner and security approve it; each change shows the versions it ran through.
 */
@ChangegateIntegrationTest
class ModelChangeApiTest {

  static final String REQUIRED_SIGN_OFFS = "required-sign-offs";
  static final String NORMAL_CHANGE = "normal-change";
  static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;
  @Autowired SystemDeployments system;
  @Autowired IdentityService identity;
  @Autowired JdbcClient jdbc;

  Reviews reviews;
  final List<String> openChanges = new ArrayList<>();

  @BeforeEach
  void reviews() {
    reviews = new Reviews(port, tasks);
  }

  @AfterEach
  void restoreTheReleasesModelsAndCancelTheChanges() {
    for (String id : openChanges) {
      Http.as(port, "requester").post("/api/changes/" + id + "/cancel", Map.of("reason", "test done"));
    }
    // as a new release would: the shipped table is the approved baseline again for the tests that follow
    if (!Models.text("processes/required-sign-offs.dmn").equals(approvedContent(REQUIRED_SIGN_OFFS))) {
      system.run("test restores the release's models", () -> repository.createDeployment().name("changegate")
          .addInputStream("processes/required-sign-offs.dmn", new java.io.ByteArrayInputStream(
              Models.bytes("processes/required-sign-offs.dmn"))).deploy());
    }
  }

  @Test
  void aNormalChangeThatSkipsTheReviewsIsRefusedByTheChecksAndNeverGoverns() {
    ProcessDefinition approved = latest(NORMAL_CHANGE);
    byte[] skipping = Models.normalChangeSkippingTheReviews().getBytes(StandardCharsets.UTF_8);

    Http.Response deployed = Deployments.create(port, "process-owner", "normal-change",
        Map.of("normal-change.bpmn", skipping));

    assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
    String deploymentId = deployed.json().path("id").asText();
    JsonNode proposed = deployed.json().path("deployedProcessDefinitions").elements().next();
    assertThat(proposed.path("key").asText()).matches("normal-change\\.MC-\\d{6}");
    assertThat(proposed.path("suspended").asBoolean()).as("a proposal never starts").isTrue();
    assertThat(latest(NORMAL_CHANGE).getId()).as("latest normal-change is still the approved one")
        .isEqualTo(approved.getId());

    JsonNode modelChange = awaitFinal(modelChangeOf(deploymentId));
    assertThat(modelChange.path("status").asText()).isEqualTo("CHECKS_FAILED");
    assertThat(modelChange.path("deployedBy").asText()).isEqualTo("process-owner");
    List<String> errors = new ArrayList<>();
    for (JsonNode finding : modelChange.path("findings")) {
      if ("ERROR".equals(finding.path("severity").asText())) {
        errors.add(finding.path("check").asText() + " " + finding.path("element").asText() + ": "
            + finding.path("message").asText());
      }
    }
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("approval-path CallActivity_DeployApprovedChange")
        .contains("without an FMEA review that approved the change"));
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("without sign-offs that approved the change"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("lint CallActivity_FmeaReview"));
    assertThat(modelChange.path("changes").findValuesAsText("element")).containsExactly("SequenceFlow_ToFmeaReview");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(modelChange.path("id").asText()).count())
        .as("nobody was asked").isZero();
    assertThat(modelChange.path("timeline").findValuesAsText("event"))
        .containsExactly("MODEL_CHANGE_PROPOSED", "MODEL_CHANGE_CHECKED");

    // the next change runs the approved normal-change: the FMEA review comes first
    String next = submit(highImpact("After a refused model change"));
    reviews.awaitTask(next, Reviews.FILL_FMEA);
    assertThat(versionsOf(next)).contains("PROCESS normal-change " + approved.getVersion() + " "
        + sha256(approvedContent(NORMAL_CHANGE)));

    // process owners deploy, but do not delete what is deployed (not even their own proposal)
    Http.Response delete = Http.as(port, "process-owner").send(Http.as(port, "process-owner")
        .request("/engine-rest/deployment/" + deploymentId + "?cascade=true").DELETE());
    assertThat(delete.status()).as(delete.toString()).isEqualTo(403);
  }

  @Test
  void aStricterSignOffTableGovernsOnlyOnceASecondProcessOwnerAndSecurityApproveIt() {
    int approvedVersion = latestDecisionVersion();
    String approvedSha = sha256(approvedContent(REQUIRED_SIGN_OFFS));
    byte[] edit = Models.requiredSignOffsWithLegalForHighImpact().getBytes(StandardCharsets.UTF_8);

    Http.Response deployed = Deployments.create(port, "process-owner", "required-sign-offs",
        Map.of("required-sign-offs.dmn", edit));
    assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
    String modelChangeId = Await.until(WAIT, () -> modelChangeOf(deployed.json().path("id").asText()),
        mc -> mc != null, "the model change").path("id").asText();
    Task ownerReview = reviews.awaitTask(modelChangeId, ModelChangeProcess.TASK_PROCESS_OWNER_REVIEW);
    assertThat(tasks.getIdentityLinksForTask(ownerReview.getId()))
        .as("offered to the other process owners by name, not to the deployer")
        .extracting(link -> link.getGroupId() == null ? "user " + link.getUserId() : "group " + link.getGroupId())
        .contains("user process-owner-2").doesNotContain("user process-owner", "group process-owners");
    JsonNode inReview = modelChange(modelChangeId);
    assertThat(inReview.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(inReview.path("changes").findValuesAsText("element")).contains("Rule_HighImpactLegal");
    assertThat(inReview.path("findings").findValuesAsText("rule")).contains("sign-offs-added");

    // the one who deployed it cannot approve it: claim and completion refused, the task stays open
    Http.Response claim = Http.as(port, "process-owner").post("/engine-rest/task/" + ownerReview.getId() + "/claim",
        Map.of("userId", "process-owner"));
    assertThat(claim.status()).as(claim.toString()).isEqualTo(400);
    Http.Response own = reviews.complete("process-owner", ownerReview.getId(), decision("APPROVE", null));
    assertThat(own.status()).as(own.toString()).isEqualTo(400);
    assertThat(own.json().path("message").asText()).contains("process-owner deployed " + modelChangeId)
        .contains("four eyes");
    Task stillOpen = tasks.createTaskQuery().taskId(ownerReview.getId()).singleResult();
    assertThat(stillOpen).as("still open").isNotNull();
    assertThat(stillOpen.getAssignee()).isNull();

    // until it is approved, changes run on the approved table: a HIGH-impact change to staging needs security and
    // staging's owner (operations), not legal
    String before = submit(highImpact("Before the new sign-off rules"));
    reviews.passFmea(before, "requester", Reviews.lowRiskWorksheet());
    assertThat(signOffGroups(before)).containsExactlyInAnyOrder("Sign off (security)", "Sign off (operations)");
    assertThat(versionsOf(before)).contains("DECISION required-sign-offs " + approvedVersion + " " + approvedSha);

    // a second process owner reviews it, then security approves it
    Http.Response reviewed = reviews.complete("process-owner-2", ownerReview.getId(),
        decision("APPROVE", "legal asked for it"));
    assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(204);
    Task securityReview = reviews.awaitTask(modelChangeId, ModelChangeProcess.TASK_SECURITY_REVIEW);
    // not for a process owner (the engine's gate: the task is security's), refused to an administrator (not in
    // security), and the process owner who approved gives no second approval, even as a member of security
    Http.Response notOffered = reviews.complete("process-owner-2", securityReview.getId(), decision("APPROVE", null));
    assertThat(notOffered.status()).as(notOffered.toString()).isEqualTo(400);
    assertThat(notOffered.json().path("message").asText()).contains("is not for process-owner-2");
    Http.Response admin = reviews.complete("admin", securityReview.getId(), decision("APPROVE", null));
    assertThat(admin.status()).as(admin.toString()).isEqualTo(400);
    assertThat(admin.json().path("message").asText()).contains("admin is not a member of security");
    identity.createMembership("process-owner-2", "security");
    try {
      Http.Response twice = reviews.complete("process-owner-2", securityReview.getId(), decision("APPROVE", null));
      assertThat(twice.status()).as(twice.toString()).isEqualTo(400);
      assertThat(twice.json().path("message").asText()).contains("process-owner-2 already decided " + modelChangeId)
          .contains("one person gives one of its approvals");
    } finally {
      identity.deleteMembership("process-owner-2", "security");
    }
    Http.Response approvedBySecurity = reviews.complete("security-officer", securityReview.getId(),
        decision("APPROVE", null));
    assertThat(approvedBySecurity.status()).as(approvedBySecurity.toString()).isEqualTo(204);

    JsonNode activated = awaitFinal(modelChangeId);
    assertThat(activated.path("status").asText()).isEqualTo("ACTIVATED");
    assertThat(latestDecisionVersion()).isEqualTo(approvedVersion + 1);
    assertThat(approvedContent(REQUIRED_SIGN_OFFS)).isEqualTo(new String(edit, StandardCharsets.UTF_8));
    JsonNode entry = event(activated, "MODEL_ACTIVATED");
    assertThat(entry.path("details").path("deployedBy").asText()).isEqualTo("process-owner");
    assertThat(entry.path("details").path("approvedBy").findValuesAsText("who"))
        .containsExactly("process-owner-2", "security-officer");
    assertThat(entry.path("details").path("resources").get(0).path("sha256").asText()).isEqualTo(sha256(edit));
    assertThat(entry.path("details").path("resources").get(0).path("versions").path(REQUIRED_SIGN_OFFS).asInt())
        .isEqualTo(approvedVersion + 1);
    assertThat(Http.as(port, "auditor").get("/api/audit/verification").json().path("intact").asBoolean()).isTrue();

    // the next change runs on it: legal signs off every HIGH-impact change now
    String after = submit(highImpact("After the new sign-off rules"));
    reviews.passFmea(after, "requester", Reviews.lowRiskWorksheet());
    assertThat(signOffGroups(after)).containsExactlyInAnyOrder("Sign off (security)", "Sign off (legal)",
        "Sign off (operations)");
    assertThat(versionsOf(after)).contains("DECISION required-sign-offs " + (approvedVersion + 1) + " " + sha256(edit));
    assertThat(versionsOf(before)).as("what ran before stays on record")
        .contains("DECISION required-sign-offs " + approvedVersion + " " + approvedSha);
  }

  @Test
  void aRejectedVersionNeverRuns() {
    int approvedVersion = latestDecisionVersion();
    String approvedSha = sha256(approvedContent(REQUIRED_SIGN_OFFS));
    byte[] edit = Models.replaceOnce(Models.requiredSignOffsWithLegalForHighImpact(), "HIGH impact: legal signs off too.",
        "HIGH impact: legal signs off too (rejected).").getBytes(StandardCharsets.UTF_8);

    Http.Response deployed = Deployments.create(port, "process-owner", "required-sign-offs",
        Map.of("required-sign-offs.dmn", edit));
    assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
    String modelChangeId = Await.until(WAIT, () -> modelChangeOf(deployed.json().path("id").asText()),
        mc -> mc != null, "the model change").path("id").asText();
    Task ownerReview = reviews.awaitTask(modelChangeId, ModelChangeProcess.TASK_PROCESS_OWNER_REVIEW);

    Http.Response bare = reviews.complete("process-owner-2", ownerReview.getId(), decision("REJECT", null));
    assertThat(bare.status()).as(bare.toString()).isEqualTo(400);
    assertThat(bare.json().path("message").asText()).contains("A rejection needs a comment");
    Http.Response rejected = reviews.complete("process-owner-2", ownerReview.getId(),
        decision("REJECT", "legal has not asked for this"));
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);

    JsonNode ended = awaitFinal(modelChangeId);
    assertThat(ended.path("status").asText()).isEqualTo("REJECTED");
    assertThat(ended.path("decisions").findValuesAsText("comment")).containsExactly("legal has not asked for this");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(modelChangeId).count()).as("security not asked")
        .isZero();
    assertThat(latestDecisionVersion()).isEqualTo(approvedVersion);

    String next = submit(highImpact("After a rejected model change"));
    reviews.passFmea(next, "requester", Reviews.lowRiskWorksheet());
    assertThat(signOffGroups(next)).containsExactlyInAnyOrder("Sign off (security)", "Sign off (operations)");
    assertThat(versionsOf(next)).contains("DECISION required-sign-offs " + approvedVersion + " " + approvedSha)
        .noneMatch(v -> v.endsWith(sha256(edit)));
    assertThat(versionsOf(next)).contains("FORM sign-off", "PROCESS change-request", "PROCESS normal-change",
        "PROCESS fmea-review", "PROCESS sign-off", "DECISION change-classification", "DECISION fmea-risk-level",
        "FORM fmea-worksheet", "FORM fmea-assessment");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change_model_version WHERE change_id = ?").param(next)
        .query(Long.class).single()).as("two sign-offs started the same process and form: recorded once each")
        .isEqualTo(jdbc.sql("""
            SELECT COUNT(DISTINCT definition_id) FROM changegate_change_model_version WHERE change_id = ?""")
            .param(next).query(Long.class).single());
  }

  @Test
  void aFileChangegateCannotTakeAsAProposalRefusesTheDeploymentAndStoresNothing() {
    long deployments = repository.createDeploymentQuery().count();
    int modelChanges = Http.as(port, "auditor").get("/api/model-changes").json().size();

    Http.Response broken = Deployments.create(port, "process-owner", "broken",
        Map.of("broken.bpmn", "<definitions".getBytes(StandardCharsets.UTF_8)));
    Http.Response cmmn = Deployments.create(port, "process-owner", "case",
        Map.of("case.cmmn", "<definitions/>".getBytes(StandardCharsets.UTF_8)));
    Http.Response proposalKey = Deployments.create(port, "process-owner", "sneaky", Map.of("sneaky.bpmn",
        Models.text("processes/sign-off.bpmn").replace("id=\"sign-off\"", "id=\"sign-off.MC-000001\"")
            .replace("bpmnElement=\"sign-off\"", "bpmnElement=\"sign-off.MC-000001\"")
            .getBytes(StandardCharsets.UTF_8)));

    assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
    assertThat(broken.json().path("message").asText()).contains("broken.bpmn").contains("is not well-formed XML");
    assertThat(cmmn.status()).as(cmmn.toString()).isEqualTo(400);
    assertThat(cmmn.json().path("message").asText()).contains("case.cmmn").contains("CMMN");
    assertThat(proposalKey.status()).as(proposalKey.toString()).isEqualTo(400);
    assertThat(proposalKey.json().path("message").asText()).contains("'sign-off.MC-000001' is a proposal key");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(Http.as(port, "auditor").get("/api/model-changes").json().size()).isEqualTo(modelChanges);
  }

  // --- helpers ---

  private Map<String, Object> highImpact(String title) {
    Map<String, Object> change = new LinkedHashMap<>(Changes.normal(title));
    change.put("impact", "HIGH");
    change.put("environment", "staging");
    return change;
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    openChanges.add(id);
    return id;
  }

  /** Each entry as "KIND key version sha256", and "KIND key" alone. */
  private List<String> versionsOf(String changeId) {
    List<String> versions = new ArrayList<>();
    for (JsonNode v : Http.as(port, "auditor").get("/api/changes/" + changeId).json().path("processVersions")) {
      versions.add(v.path("kind").asText() + " " + v.path("key").asText() + " " + v.path("version").asInt() + " "
          + v.path("sha256").asText());
      versions.add(v.path("kind").asText() + " " + v.path("key").asText());
    }
    return versions;
  }

  private List<String> signOffGroups(String changeId) {
    List<Task> open = Await.until(WAIT, () -> tasks.createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(Reviews.SIGN_OFF).list(), list -> !list.isEmpty(), "the sign-offs of " + changeId);
    return open.stream().map(Task::getName).toList();
  }

  private JsonNode modelChangeOf(String deploymentId) {
    for (JsonNode summary : Http.as(port, "auditor").get("/api/model-changes").json()) {
      if (deploymentId.equals(summary.path("deploymentId").asText())) {
        return modelChange(summary.path("id").asText());
      }
    }
    return null;
  }

  private JsonNode modelChange(String id) {
    Http.Response response = Http.as(port, "auditor").get("/api/model-changes/" + id);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private JsonNode awaitFinal(JsonNode modelChange) {
    return awaitFinal(modelChange.path("id").asText());
  }

  private JsonNode awaitFinal(String id) {
    return Await.until(WAIT, () -> modelChange(id),
        mc -> !List.of("PROPOSED", "IN_REVIEW").contains(mc.path("status").asText()), id + " ended");
  }

  private static JsonNode event(JsonNode modelChange, String name) {
    for (JsonNode e : modelChange.path("timeline")) {
      if (name.equals(e.path("event").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + name + " in " + modelChange.path("timeline"));
  }

  private ProcessDefinition latest(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }

  private int latestDecisionVersion() {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey(REQUIRED_SIGN_OFFS).latestVersion()
        .singleResult().getVersion();
  }

  private String approvedContent(String key) {
    var definition = NORMAL_CHANGE.equals(key) ? latest(key)
        : repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
    try (var in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sha256(String content) {
    return ModelFile.sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] content) {
    return ModelFile.sha256(content);
  }
}
