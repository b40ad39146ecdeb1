package io.changegate.change;

import static io.changegate.support.Timelines.events;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.delivery.feedback.FeedbackProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Footprint;
import io.changegate.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /api/changes} over real HTTP with HTTP Basic, as pipelines and people use it. */
@ChangegateIntegrationTest
class ChangeIntakeApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;

  @Test
  void fittingStandardChangeCompletesWithoutAnyUserTask() {
    Http.Response created = Http.as(port, "requester").post("/api/changes", Changes.standard("Toggle checkout v2"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(id).matches("CHG-\\d+");
    assertThat(created.header("Location")).isEqualTo("/api/changes/" + id);
    assertThat(created.json().path("type").asText()).isEqualTo("STANDARD");
    assertThat(created.json().path("classificationReason").asText()).contains("config-toggle");
    assertThat(created.json().path("requester").asText()).isEqualTo("requester");

    JsonNode done = awaitStatus(id, "COMPLETED");
    assertThat(events(done)).containsSubsequence("SUBMITTED", "CLASSIFIED", "SCHEDULED", "DEPLOYING", "DEPLOYED",
        "VALIDATING", "VALIDATED", "COMPLETED");
    // what the engine stored: only what a later transaction reads or Cockpit shows; the values a step leaves for the
    // gateway or timer right after it are transient (each stored one costs a runtime, a history and a detail row)
    String[] instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).list().stream()
        .filter(p -> !FeedbackProcess.CHANGE_FEEDBACK.equals(p.getProcessDefinitionKey()))
        .map(p -> p.getId()).toArray(String[]::new);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances).list().stream()
        .map(v -> v.getProcessDefinitionKey() + " " + v.getName()))
        .containsExactlyInAnyOrder(
            "change-request changeId", "change-request changeType", "change-request classificationReason",
            "standard-change calendarVerdict",
            "deployment targetCount", "deployment targetsIndependent",
            "deployment nrOfInstances", "deployment nrOfActiveInstances", "deployment nrOfCompletedInstances",
            "deployment loopCounter", "deployment targetName");
    assertThat(done.path("deployments")).hasSize(1);
    assertThat(done.path("deployments").get(0).path("result").asText()).isEqualTo("DEPLOYED");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(id).list().stream()
        .filter(t -> !FeedbackProcess.CHANGE_FEEDBACK.equals(t.getProcessDefinitionKey())))
        .as("no task until it completed; then its feedback survey").isEmpty();
    assertThat(Http.metrics(port).body())
        .contains("changegate_changes_total{status=\"COMPLETED\",type=\"STANDARD\"}");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).list())
        .extracting(p -> p.getProcessDefinitionKey())
        .filteredOn(key -> !FeedbackProcess.CHANGE_FEEDBACK.equals(key))
        .containsExactlyInAnyOrder("change-request", "standard-change", "deployment");
  }

  @Test
  void changeOutsideItsTemplateIsNormalAndTheReasonSaysWhy() {
    Map<String, Object> change = Changes.standard("Toggle in a region the template does not cover");
    change.put("environment", "qa");
    change.put("impact", "HIGH");

    Http.Response created = Http.as(port, "requester").post("/api/changes", change);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("type").asText()).isEqualTo("NORMAL");
    assertThat(body.path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(body.path("classificationReason").asText())
        .contains("config-toggle").contains("environment 'qa'").contains("impact HIGH");
    String id = body.path("id").asText();
    // a normal change starts with the requester's FMEA worksheet (right after the intake's answer)
    Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey("Task_FillFmeaWorksheet").taskCandidateUser("requester").count(), n -> n == 1,
        "the FMEA worksheet of " + id);
  }

  @Test
  void justifiedUrgentEmergencyTakesTheEcabPath() {
    Map<String, Object> change = Changes.normal("Hotfix card declines");
    change.put("urgency", "HIGH");
    change.put("emergency", true);
    change.put("emergencyJustification", "Card payments fail for 30% of customers (INC-4711)");

    JsonNode body = Http.as(port, "ops-engineer").post("/api/changes", change).json();

    assertThat(body.path("type").asText()).isEqualTo("EMERGENCY");
    String id = body.path("id").asText();
    Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskCandidateGroup("ecab").count(), n -> n == 1, "the ECAB task of " + id);
  }

  @Test
  void emergencyWithoutHighUrgencyIsReviewedAsNormal() {
    Map<String, Object> change = Changes.normal("Not that urgent");
    change.put("urgency", "MEDIUM");
    change.put("emergency", true);
    change.put("emergencyJustification", "would be nice today");

    JsonNode body = Http.as(port, "requester").post("/api/changes", change).json();

    assertThat(body.path("type").asText()).isEqualTo("NORMAL");
    assertThat(body.path("classificationReason").asText()).contains("MEDIUM");
  }

  static Stream<Arguments> badRequests() {
    Map<String, Object> missing = Changes.standard("x");
    missing.remove("title");
    missing.remove("service");
    missing.put("impact", "EXTREME");
    Map<String, Object> unknownTemplate = Changes.standard("Unknown template");
    unknownTemplate.put("standardChangeTemplate", "yolo-deploy");
    Map<String, Object> emergency = Changes.normal("Emergency without justification");
    emergency.put("emergency", true);
    emergency.put("urgency", "HIGH");
    Map<String, Object> digest = Changes.standard("Bad digest");
    digest.put("artifact", map("name", "payments-api", "version", "1.4.2", "digest", "md5:1234"));
    Map<String, Object> requester = Changes.standard("Requester smuggled in");
    requester.put("requester", "cab-chair");
    Map<String, Object> injection = Changes.standard("Service with a shell in its name");
    injection.put("service", "x; rm -rf /");
    Map<String, Object> window = Changes.normal("Window ends before it starts");
    window.put("plannedStart", "2026-12-01T10:00:00Z");
    window.put("plannedEnd", "2026-12-01T09:00:00Z");
    Map<String, Object> adapter = Changes.normal("Unknown adapter");
    adapter.put("targets", List.of(map("adapter", "kubectl-yolo", "name", "payments-api")));
    Map<String, Object> wrongType = Changes.standard("Wrong type");
    wrongType.put("regulated", "very");
    return Stream.of(
        Arguments.of("every missing or invalid field at once", json(missing), List.of("title", "service", "impact")),
        Arguments.of("malformed JSON", "{\"title\": \"oops\",", List.of("(body)")),
        Arguments.of("empty body", "", List.of("(body)")),
        Arguments.of("unknown template", json(unknownTemplate), List.of("standardChangeTemplate")),
        Arguments.of("emergency without justification", json(emergency), List.of("emergencyJustification")),
        Arguments.of("digest not sha256", json(digest), List.of("artifact.digest")),
        Arguments.of("requester in the body", json(requester), List.of("requester")),
        Arguments.of("unsafe service name", json(injection), List.of("service")),
        Arguments.of("window ends before start", json(window), List.of("plannedEnd")),
        Arguments.of("unknown adapter", json(adapter), List.of("targets[0].adapter")),
        Arguments.of("wrong type", json(wrongType), List.of("regulated")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputIsRefusedWithEveryFieldErrorAndNothingIsStoredOrStarted(String what, String body,
      List<String> fields) {
    Footprint footprint = Footprint.before(jdbc, history, "requester");

    Http.Response response = Http.as(port, "requester").post("/api/changes", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    List<String> reported = new ArrayList<>();
    response.json().path("errors").forEach(e -> reported.add(e.path("field").asText()));
    assertThat(reported).as(response.toString()).containsAll(fields);
    response.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    footprint.assertNothingWritten();
  }

  @Test
  void whenTheProcessCannotStartTheChangeIsNotStoredEither() {
    Footprint footprint = Footprint.before(jdbc, history, "requester");
    repository.suspendProcessDefinitionByKey("change-request");
    Http.Response response;
    try {
      response = Http.as(port, "requester").post("/api/changes", Changes.standard("Engine says no"));
    } finally {
      repository.activateProcessDefinitionByKey("change-request");
    }

    assertThat(response.status()).as(response.toString()).isEqualTo(500);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("detail").asText()).contains("nothing was changed");
    footprint.assertNothingWritten();
  }

  @Test
  void onlyAuthenticatedRequestersSubmit() {
    Http.Response anonymous = Http.anonymous(port).post("/api/changes", Changes.standard("anon"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");

    // not a demo user: the engine delays a user's next login after a failed one, which would slow other tests
    Http.Response wrongPassword = Http.anonymous(port).send(Http.anonymous(port).request("/api/changes")
        .header("Authorization", Http.basic("mallory", "not-the-password")).GET());
    assertThat(wrongPassword.status()).isEqualTo(401);

    Http.Response auditor = Http.as(port, "auditor").post("/api/changes", Changes.standard("auditor"));
    assertThat(auditor.status()).isEqualTo(403);
    assertThat(auditor.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void unknownChangeIsNotFound() {
    Http.Response response = Http.as(port, "auditor").get("/api/changes/CHG-999999999");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void listFiltersByStatusServiceAndEnvironment() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Listed change")).json()
        .path("id").asText();

    JsonNode list = Http.as(port, "auditor").get("/api/changes?status=IN_REVIEW&service=payments-api"
        + "&environment=production").json();

    List<String> ids = new ArrayList<>();
    list.forEach(c -> {
      ids.add(c.path("id").asText());
      assertThat(c.path("status").asText()).isEqualTo("IN_REVIEW");
      assertThat(c.path("environment").asText()).isEqualTo("production");
    });
    assertThat(ids).contains(id);
    assertThat(Http.as(port, "auditor").get("/api/changes?status=DONE").status()).isEqualTo(400);
  }

  @Test
  void templatesAreListed() {
    JsonNode templates = Http.as(port, "requester").get("/api/standard-changes").json();
    List<String> ids = new ArrayList<>();
    templates.forEach(t -> ids.add(t.path("id").asText()));
    assertThat(ids).contains("config-toggle", "static-content", "dependency-patch");
    assertThat(templates.get(0).path("services").isArray()).isTrue();
    assertThat(templates.get(0).path("maxImpact").asText()).isIn("LOW", "MEDIUM", "HIGH");
  }

  @Test
  void requesterCancelsAWaitingChangeAndItStopsEverywhere() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("To be cancelled")).json()
        .path("id").asText();
    // change-request, normal-change and its FMEA review (started right after the intake's answer)
    Await.until(Duration.ofSeconds(30), () -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .count(), n -> n == 3, "the instances of " + id);

    Http.Response otherDeveloper = Http.as(port, "reviewer").post("/api/changes/" + id + "/cancel", "{}");
    assertThat(otherDeveloper.status()).isEqualTo(403);

    Http.Response cancelled = Http.as(port, "requester")
        .post("/api/changes/" + id + "/cancel", map("reason", "superseded by a later release"));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();
    JsonNode last = cancelled.json().path("timeline").get(cancelled.json().path("timeline").size() - 1);
    assertThat(last.path("event").asText()).isEqualTo("CANCELLED");
    assertThat(last.path("actor").asText()).isEqualTo("requester");
    assertThat(last.path("details").path("reason").asText()).isEqualTo("superseded by a later release");

    Http.Response again = Http.as(port, "requester").post("/api/changes/" + id + "/cancel", "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void completedChangeCannotBeCancelled() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.standard("Done before cancel")).json()
        .path("id").asText();
    awaitStatus(id, "COMPLETED");

    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + id + "/cancel", "{}").status()).isEqualTo(409);
  }

  private JsonNode awaitStatus(String id, String status) {
    return Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> status.equals(c.path("status").asText()) || c.path("status").asText().matches("FAILED|REJECTED"),
        id + " to reach " + status);
  }

  private static String json(Object body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
