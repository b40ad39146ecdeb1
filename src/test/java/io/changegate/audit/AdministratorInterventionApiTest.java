package io.changegate.audit;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.security.WebappSession;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an administrator (or operations, for job retries) does by hand to a change's process instances through
 * {@code /engine-rest} is on the change's timeline and in the audit chain — who, what, the reason — and a change
 * whose approval was skipped or whose flow was altered says so ({@code governanceOverridden}) and is listed for
 * auditors. Everything over real HTTP, as the people would do it.
 */
@ChangegateIntegrationTest
class AdministratorInterventionApiTest {

  private static final String NORMAL_CHANGE = "normal-change";
  private static final String FMEA_REVIEW = "CallActivity_FmeaReview";
  private static final String SLOT_RETRY = "Gateway_NormalSlotRetry";
  private static final String PLANNED_START = "Event_NormalPlannedStartReached";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;

  Reviews reviews;
  Http admin;

  @BeforeEach
  void setUp() {
    reviews = new Reviews(port, tasks);
    admin = Http.as(port, "admin");
  }

  /** Cancel the FMEA review and go on as if every approval had been given. */
  private static List<Map<String, Object>> skipTheFmeaReview() {
    return List.of(map("type", "cancel", "activityId", FMEA_REVIEW),
        map("type", "startBeforeActivity", "activityId", SLOT_RETRY));
  }

  @Test
  void aModificationWithoutAReasonIsRefusedAndChangesNothing() {
    String id = submit(Changes.normal("Skip the FMEA without saying why"));
    reviews.awaitTask(id, Reviews.FILL_FMEA);
    String instance = instanceOf(id, NORMAL_CHANGE);
    JsonNode before = change(id);
    long batches = management.createBatchQuery().count();

    for (Object annotation : new Object[] {null, "", "   "}) {
      Map<String, Object> body = new LinkedHashMap<>(map("instructions", skipTheFmeaReview()));
      if (annotation != null) {
        body.put("annotation", annotation);
      }
      Http.Response refused = admin.post("/engine-rest/process-instance/" + instance + "/modification", body);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).contains("needs a reason").contains("annotation")
          .contains("Nothing was changed");
    }
    Http.Response async = admin.post("/engine-rest/process-instance/" + instance + "/modification-async",
        map("instructions", skipTheFmeaReview()));
    assertThat(async.status()).as(async.toString()).isEqualTo(400);
    Http.Response batch = admin.post("/engine-rest/modification/executeAsync", map(
        "processDefinitionId", runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
            .getProcessDefinitionId(),
        "processInstanceIds", List.of(instance), "instructions", skipTheFmeaReview()));
    assertThat(batch.status()).as(batch.toString()).isEqualTo(400);

    assertThat(management.createBatchQuery().count()).as("no batch was created").isEqualTo(batches);
    assertThat(runtime.getActiveActivityIds(instance)).as("still in the FMEA review").contains(FMEA_REVIEW);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.FILL_FMEA).count())
        .as("the worksheet is still to fill in").isOne();
    JsonNode after = change(id);
    assertThat(after.path("timeline")).isEqualTo(before.path("timeline"));
    assertThat(after.path("status").asText()).isEqualTo(before.path("status").asText());
    assertThat(after.path("governanceOverridden").asBoolean()).isFalse();
  }

  @Test
  void aModificationThatSkipsTheFmeaReviewIsOnTheTimelineWithItsReasonAndOverridesGovernance() {
    String untouched = submit(Changes.normal("Left alone"));
    String id = submit(Changes.normal("Skip the FMEA with a reason"));
    reviews.awaitTask(id, Reviews.FILL_FMEA);
    String instance = instanceOf(id, NORMAL_CHANGE);
    String reason = "CAB chair approved by phone during incident INC-4711";

    Http.Response modified = admin.post("/engine-rest/process-instance/" + instance + "/modification",
        map("instructions", skipTheFmeaReview(), "annotation", reason));
    assertThat(modified.status()).as(modified.toString()).isEqualTo(204);

    JsonNode change = change(id);
    assertThat(change.path("governanceOverridden").asBoolean()).isTrue();
    JsonNode entry = single(interventions(change), "ModifyProcessInstance");
    assertThat(entry.path("actor").asText()).isEqualTo("admin");
    JsonNode details = entry.path("details");
    assertThat(details.path("reason").asText()).isEqualTo(reason);
    assertThat(details.path("reasonGiven").asBoolean()).isTrue();
    assertThat(details.path("overridesGovernance").asBoolean()).isTrue();
    assertThat(details.path("activitiesCancelled").findValuesAsText("activity")).contains(FMEA_REVIEW);
    assertThat(details.path("activitiesStarted").findValuesAsText("activity")).startsWith(SLOT_RETRY);
    assertThat(details.path("processInstances").findValuesAsText("id")).contains(instance);
    assertThat(details.path("operationIds")).isNotEmpty();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.FILL_FMEA).count())
        .as("the worksheet task went with the review").isZero();

    JsonNode verification = Http.as(port, "auditor").get("/api/audit/verification").json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();

    List<String> overridden = ids(Http.as(port, "auditor").get("/api/changes?governanceOverridden=true&limit=500"));
    assertThat(overridden).contains(id).doesNotContain(untouched);
    assertThat(ids(Http.as(port, "auditor").get("/api/changes?governanceOverridden=false&limit=500")))
        .contains(untouched).doesNotContain(id);
    JsonNode listed = Http.as(port, "auditor").get("/api/changes?limit=500").json();
    for (JsonNode line : listed) {
      if (line.path("id").asText().equals(id)) {
        assertThat(line.path("governanceOverridden").asBoolean()).isTrue();
      }
    }
    assertThat(change(untouched).path("governanceOverridden").asBoolean()).isFalse();
    assertThat(interventions(change(untouched))).isEmpty();
    Http.Response bad = Http.as(port, "auditor").get("/api/changes?governanceOverridden=maybe");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field")).contains("governanceOverridden");
  }

  @Test
  void anAsynchronousModificationIsRecordedWhenItsBatchIsCreated() {
    String id = submit(Changes.normal("Skip the FMEA in a batch"));
    reviews.awaitTask(id, Reviews.FILL_FMEA);
    String instance = instanceOf(id, NORMAL_CHANGE);

    Http.Response batch = admin.post("/engine-rest/modification/executeAsync", map(
        "processDefinitionId", runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
            .getProcessDefinitionId(),
        "processInstanceIds", List.of(instance), "instructions", skipTheFmeaReview(),
        "annotation", "bulk clean-up after the outage, ticket OPS-77"));
    assertThat(batch.status()).as(batch.toString()).isEqualTo(200);

    JsonNode change = change(id);
    assertThat(change.path("governanceOverridden").asBoolean()).isTrue();
    JsonNode details = single(interventions(change), "ModifyProcessInstance").path("details");
    assertThat(details.path("reason").asText()).isEqualTo("bulk clean-up after the outage, ticket OPS-77");
    assertThat(details.path("batches").path(0).path("id").asText()).isEqualTo(batch.json().path("id").asText());
    assertThat(details.path("batches").path(0).path("instructions").toString()).contains(FMEA_REVIEW)
        .contains(SLOT_RETRY);
    // the job executor runs the batch afterwards (no person, nothing more recorded)
    Await.until(WAIT, () -> history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(FMEA_REVIEW).canceled().count(), n -> n == 1, "the batch to cancel the FMEA review");
  }

  @Test
  void jobRetriesDueDatesSuspensionVariableEditsAndDeletionAreOnTheTimeline() {
    String id = waitingForItsPlannedStart("Touched by hand");
    String instance = instanceOf(id, NORMAL_CHANGE);
    Job timer = management.createJobQuery().processInstanceId(instance).activityId(PLANNED_START).singleResult();

    // operations retry a job: allowed, recorded, no override
    Http.Response retried = put(Http.as(port, "ops-engineer"), "/engine-rest/job/" + timer.getId() + "/retries",
        "{\"retries\": 5}");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(204);
    JsonNode retries = single(interventions(change(id)), "SetJobRetries");
    assertThat(retries.path("actor").asText()).isEqualTo("ops-engineer");
    assertThat(retries.path("details").path("reason").asText()).isEqualTo("no reason given");
    assertThat(retries.path("details").path("overridesGovernance").asBoolean()).isFalse();
    assertThat(retries.path("details").path("jobs").get(0).asText()).isEqualTo(timer.getId());
    assertThat(retries.path("details").path("properties").findValuesAsText("to")).contains("5");

    // the administrator moves the planned start, suspends and resumes the change: recorded, no override
    String later = Instant.now().plus(50, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()
        .replace("Z", ".000+0000");
    assertThat(put("/engine-rest/job/" + timer.getId() + "/duedate", "{\"duedate\": \"" + later + "\"}").status())
        .isEqualTo(204);
    assertThat(put("/engine-rest/process-instance/" + instance + "/suspended", "{\"suspended\": true}").status())
        .isEqualTo(204);
    assertThat(put("/engine-rest/process-instance/" + instance + "/suspended", "{\"suspended\": false}").status())
        .isEqualTo(204);
    JsonNode change = change(id);
    assertThat(operations(change)).contains("SetJobRetries", "SetJobDueDate", "SuspendProcessInstance",
        "ActivateProcessInstance");
    assertThat(change.path("governanceOverridden").asBoolean()).as("nothing skipped or altered yet").isFalse();

    // a variable edit alters what the flow decides on: an override; its reason can be given afterwards
    assertThat(put("/engine-rest/process-instance/" + instance + "/variables/riskLevel",
        "{\"value\": \"LOW\", \"type\": \"String\"}").status()).isEqualTo(204);
    change = change(id);
    assertThat(change.path("governanceOverridden").asBoolean()).isTrue();
    JsonNode edit = single(interventions(change), "SetVariable");
    assertThat(edit.path("actor").asText()).isEqualTo("admin");
    assertThat(edit.path("details").path("reason").asText()).isEqualTo("no reason given");
    assertThat(edit.path("details").path("variables").findValuesAsText("name")).containsExactly("riskLevel");
    assertThat(edit.path("details").path("variables").findValuesAsText("value")).containsExactly("LOW");
    String operationId = edit.path("details").path("operationIds").get(0).asText();
    assertThat(put("/engine-rest/history/user-operation/" + operationId + "/set-annotation",
        "{\"annotation\": \"corrected a typo the requester reported\"}").status()).isEqualTo(204);
    JsonNode annotated = single(events(change(id), "INTERVENTION_ANNOTATED"), null);
    assertThat(annotated.path("actor").asText()).isEqualTo("admin");
    assertThat(annotated.path("details").path("operationId").asText()).isEqualTo(operationId);
    assertThat(annotated.path("details").path("operation").asText()).isEqualTo("SetVariable");
    assertThat(annotated.path("details").path("reason").asText()).isEqualTo("corrected a typo the requester reported");

    // a task rewired by hand: recorded, no override (who may complete it is the approval package's rule)
    String other = waitingForTheFmeaWorksheet("Task variable edited");
    String task = tasks.createTaskQuery().processInstanceBusinessKey(other).taskDefinitionKey(Reviews.FILL_FMEA)
        .singleResult().getId();
    Http.Response linked = admin.post("/engine-rest/task/" + task + "/identity-links",
        map("groupId", "cab", "type", "candidate"));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(204);
    JsonNode link = single(interventions(change(other)), "AddTaskGroupLink");
    assertThat(link.path("details").path("tasks").get(0).asText()).isEqualTo(task);
    assertThat(link.path("details").path("overridesGovernance").asBoolean()).isFalse();
    assertThat(change(other).path("governanceOverridden").asBoolean()).isFalse();

    // a task's variable, too
    assertThat(put("/engine-rest/task/" + task + "/localVariables/changeId",
        "{\"value\": \"" + id + "\", \"type\": \"String\"}").status()).isEqualTo(204);
    JsonNode taskEdit = single(interventions(change(other)), "SetVariable");
    assertThat(taskEdit.path("details").path("variables").get(0).path("task").asText()).isEqualTo(task);
    assertThat(change(other).path("governanceOverridden").asBoolean()).isTrue();

    // deleting the open instance
    Http.Response deleted = admin.send(admin.request("/engine-rest/process-instance/" + instance).DELETE());
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    JsonNode deletion = single(interventions(change(id)), "DeleteProcessInstance");
    assertThat(deletion.path("details").path("overridesGovernance").asBoolean()).isTrue();
    assertThat(deletion.path("details").path("activitiesCancelled").findValuesAsText("activity"))
        .contains(PLANNED_START);
    assertThat(deletion.path("details").path("processInstances").findValuesAsText("ended")).contains("true");

    JsonNode verification = Http.as(port, "auditor").get("/api/audit/verification").json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
  }

  @Test
  void messagesAndSignalsSentByHandAreRecorded() {
    String id = waitingForTheFmeaWorksheet("Cancelled by a message");
    Http.Response correlated = admin.post("/engine-rest/message", map("messageName", "ChangeCancelled",
        "businessKey", id, "processVariables", map(
            "cancelledBy", map("value", "admin", "type", "String"),
            "cancelReason", map("value", "withdrawn by the service owner", "type", "String"))));
    assertThat(correlated.status()).as(correlated.toString()).isEqualTo(204);
    JsonNode change = Await.until(WAIT, () -> change(id), c -> "CANCELLED".equals(c.path("status").asText()),
        id + " cancelled");
    JsonNode entry = single(interventions(change), "CorrelateMessage");
    assertThat(entry.path("actor").asText()).isEqualTo("admin");
    assertThat(entry.path("details").path("activitiesStarted").findValuesAsText("activity"))
        .contains("StartEvent_ChangeCancelled");
    assertThat(entry.path("details").path("variables").findValuesAsText("name")).contains("cancelReason");
    assertThat(change.path("governanceOverridden").asBoolean()).as("a path the model has").isFalse();

    long before = auditCount("ThrowSignal");
    Http.Response signal = admin.post("/engine-rest/signal", map("name", "NoProcessWaitsForThis"));
    assertThat(signal.status()).as(signal.toString()).isEqualTo(204);
    assertThat(auditCount("ThrowSignal")).isEqualTo(before + 1);
  }

  @Test
  void whatAnAdministratorDoesInCockpitIsRecordedAlike() {
    String id = waitingForTheFmeaWorksheet("Suspended in Cockpit");
    String instance = instanceOf(id, NORMAL_CHANGE);
    WebappSession cockpit = WebappSession.loggedIn(port, "admin");

    var suspended = cockpit.putJson("/camunda/api/engine/engine/default/process-instance/" + instance + "/suspended",
        "{\"suspended\": true}");
    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(204);
    var edited = cockpit.putJson("/camunda/api/engine/engine/default/process-instance/" + instance
        + "/variables/requester", "{\"value\": \"ops-lead\", \"type\": \"String\"}");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(204);

    JsonNode change = change(id);
    assertThat(operations(change)).containsExactly("SuspendProcessInstance", "SetVariable");
    assertThat(interventions(change)).allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("admin"));
    assertThat(change.path("governanceOverridden").asBoolean()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------

  private String submit(Map<String, Object> change) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private String waitingForTheFmeaWorksheet(String title) {
    String id = submit(Changes.normal(title));
    reviews.awaitTask(id, Reviews.FILL_FMEA);
    return id;
  }

  /** A staging change that needs no sign-off, approved, waiting for its planned start a month away. */
  private String waitingForItsPlannedStart(String title) {
    Map<String, Object> body = new LinkedHashMap<>(Changes.normal(title));
    body.put("environment", "staging");
    body.put("service", "oversight-" + Long.toHexString(System.nanoTime()));
    body.put("artifact", map("name", body.get("service"), "version", "2.0.0", "digest", Changes.newDigest()));
    Instant start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    body.put("plannedStart", start.toString());
    body.put("plannedEnd", start.plus(1, ChronoUnit.HOURS).toString());
    String id = submit(body);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    reviews.signOffAll(id); // staging's owner group (operations) signs off every change to it
    Await.until(WAIT, () -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey(NORMAL_CHANGE).list().stream()
        .mapToLong(i -> management.createJobQuery().processInstanceId(i.getId()).activityId(PLANNED_START).count())
        .sum(), n -> n == 1, id + " waiting for its planned start");
    return id;
  }

  private String instanceOf(String changeId, String processKey) {
    JsonNode found = admin.get("/engine-rest/process-instance?businessKey=" + changeId + "&processDefinitionKey="
        + processKey).json();
    assertThat(found).as(found.toString()).hasSize(1);
    return found.get(0).path("id").asText();
  }

  private Http.Response put(String path, String json) {
    return put(admin, path, json);
  }

  private static Http.Response put(Http as, String path, String json) {
    return as.send(as.request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private JsonNode change(String id) {
    Http.Response response = Http.as(port, "auditor").get("/api/changes/" + id);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static List<JsonNode> events(JsonNode change, String event) {
    List<JsonNode> found = new ArrayList<>();
    change.path("timeline").forEach(e -> {
      if (event.equals(e.path("event").asText())) {
        found.add(e);
      }
    });
    return found;
  }

  private static List<JsonNode> interventions(JsonNode change) {
    return events(change, "INTERVENTION");
  }

  private static List<String> operations(JsonNode change) {
    return interventions(change).stream().map(e -> e.path("details").path("operation").asText()).toList();
  }

  /** The one entry of these whose operation is {@code operation} (any, when null). */
  private static JsonNode single(List<JsonNode> entries, String operation) {
    List<JsonNode> matching = entries.stream()
        .filter(e -> operation == null || operation.equals(e.path("details").path("operation").asText())).toList();
    assertThat(matching).as("one " + operation + " in " + entries).hasSize(1);
    return matching.get(0);
  }

  private static List<String> ids(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  /** Interventions of this operation in the audit chain that touched no change. */
  private long auditCount(String operation) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE action = 'INTERVENTION' AND change_id IS NULL"
        + " AND details LIKE ?").param("%\"operation\":\"" + operation + "\"%").query(Long.class).single();
  }
}
