package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine's errors on both engine APIs — {@code /engine-rest} (HTTP Basic) and the webapps' engine API
 * {@code /camunda/api/engine} (Tasklist's session and CSRF token) — over real HTTP: a request for something that
 * does not exist, is over or may not be done is a 4xx, never a 500, and changes nothing; object variables of
 * foreign types and Java serialization are refused before they are stored; a governance refusal reaches
 * Tasklist as a 400 with the rule's own words.
 */
@ChangegateIntegrationTest
class EngineErrorsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBAPP = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;

  /** A status and a JSON body, from either API. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** One of the two engine APIs, as a person with the given login uses it. */
  interface EngineApi {
    Answer send(String method, String path, String json);
  }

  private EngineApi api(String which, String user) {
    if ("engine-rest".equals(which)) {
      Http http = Http.as(port, user);
      return (method, path, json) -> {
        HttpRequest.Builder request = http.request("/engine-rest" + path).header("Content-Type", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        Http.Response response = http.send(request);
        return new Answer(response.status(), response.body());
      };
    }
    WebappSession session = WebappSession.loggedIn(port, user);
    return (method, path, json) -> {
      HttpResponse<String> response = session.send(method, WEBAPP + path, json);
      return new Answer(response.statusCode(), response.body());
    };
  }

  private static void assertClientError(Answer answer, int status, String message) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.json().path("message").asText()).as(answer.toString()).contains(message);
  }

  /** The change-request instance of a normal change, waiting for its FMEA worksheet. */
  private String runningInstance() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Engine error probe")).json()
        .path("id").asText();
    Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id).count(),
        n -> n > 0, "the FMEA worksheet of " + id);
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).processDefinitionKey("change-request")
        .singleResult().getId();
  }

  /** The change-request instance of a normal change its requester cancelled: it has ended. */
  private String endedInstance() {
    String instance = runningInstance();
    String id = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey();
    Http.Response cancelled = Http.as(port, "requester").post("/api/changes/" + id + "/cancel", "{}");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    Await.until(Duration.ofSeconds(30), () -> history.createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getEndTime(), end -> end != null, "the end of " + instance);
    return instance;
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine-rest", "webapp"})
  void unknownIdsAndEndedInstancesAreNotFoundNotServerErrors(String which) {
    EngineApi api = api(which, "admin");
    String ended = endedInstance();

    assertClientError(api.send("PUT", "/job/no-such-job/retries", "{\"retries\":1}"), 404, "No job found");
    assertClientError(api.send("PUT", "/job/no-such-job/duedate", "{\"duedate\":\"2031-01-01T00:00:00.000+0000\"}"),
        404, "No job found");
    assertClientError(api.send("POST", "/job/no-such-job/execute", null), 404, "No job found");
    assertClientError(api.send("PUT", "/process-instance/" + ended + "/variables/probe",
        "{\"value\":\"x\",\"type\":\"String\"}"), 404, "doesn't exist");
    assertClientError(api.send("POST", "/process-instance/" + ended + "/variables",
        "{\"modifications\":{\"probe\":{\"value\":\"x\"}}}"), 404, "doesn't exist");
    assertClientError(api.send("DELETE", "/process-instance/" + ended + "/variables/probe", null), 404,
        "doesn't exist");
    assertClientError(api.send("POST", "/process-instance/" + ended + "/modification",
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_X\"}]}"), 404, "does not exist");
    assertClientError(api.send("POST", "/task/no-such-task/claim", "{\"userId\":\"admin\"}"), 404, "Cannot find task");
    assertClientError(api.send("POST", "/task/no-such-task/complete", "{}"), 404, "Cannot find task");
    assertClientError(api.send("POST", "/task/no-such-task/submit-form", "{}"), 404, "Cannot find task");
    assertClientError(api.send("GET", "/task/no-such-task/deployed-form", null), 404, "names nothing");
    assertClientError(api.send("PUT", "/process-definition/no-such-definition/suspended", "{\"suspended\":true}"),
        404, "names nothing");
    assertClientError(api.send("POST", "/execution/no-such-execution/messageSubscriptions/x/trigger", "{}"), 400,
        "eventSubscriptions is empty");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(ended).variableName("probe").count())
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine-rest", "webapp"})
  void badArgumentsAreBadRequestsNotServerErrors(String which) {
    EngineApi api = api(which, "admin");
    long groups = identity.createGroupQuery().count();

    assertClientError(api.send("POST", "/job/retries", "{\"retries\":-1,\"jobIds\":[\"x\"]}"), 400,
        "is not greater than or equal to 0");
    assertClientError(api.send("POST", "/external-task/fetchAndLock",
        "{\"workerId\":\"w\",\"maxTasks\":-1,\"topics\":[{\"topicName\":\"t\",\"lockDuration\":1000}]}"), 400,
        "is not greater than or equal to 0");
    assertClientError(api.send("GET", "/task?firstResult=-5", null), 400, "firstResult");
    assertClientError(api.send("GET", "/task?maxResults=x", null), 400, "maxResults");
    assertClientError(api.send("POST", "/task", "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\","
        + "\"value\":{\"a\":1}}]}"), 400, "Object values cannot be used to query");
    assertClientError(api.send("POST", "/group/create", "{\"id\":\"" + "g".repeat(300) + "\",\"name\":\"long\"}"),
        400, "longer than the database stores for it");
    assertClientError(api.send("POST", "/user/create", "{\"profile\":{\"id\":\"bad id!\"},"
        + "\"credentials\":{\"password\":\"x\"}}"), 400, "is not a valid resource identifier");
    assertClientError(api.send("POST", "/task/count", "{\"candidateGroups\":" + JSON.valueToTree(
        java.util.Collections.nCopies(10_001, "g")) + "}"), 400, "at most 10000 items");
    assertClientError(api.send("PUT", "/process-instance/x/variables/y",
        "{\"value\":\"a\\u0000b\",\"type\":\"String\"}"), 400, "NUL");
    assertClientError(api.send("POST", "/condition", "{\"variables\":{\"x\":{\"value\":1}}}"), 400, "ENGINE-13043");
    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
  }

  @Test
  void theWebappsOtherApisAnswerClientErrorsAsWell() {
    WebappSession cockpit = WebappSession.loggedIn(port, "admin");
    String base = "/camunda/api/cockpit/plugin/base/default";

    Answer paging = answer(cockpit.get(base + "/incident?firstResult=-1"));
    assertClientError(paging, 400, "firstResult");
    Answer query = answer(cockpit.send("POST", base + "/process-instance",
        "{\"variables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":{\"a\":1}}]}"));
    assertClientError(query, 400, "Object values cannot be used to query");
    Answer login = answer(cockpit.send("POST", "/camunda/api/admin/auth/user/default/login/cockpit", "{}"));
    assertClientError(login, 415, "takes a form");
    // the engine API still suspends requests (fetchAndLock waits for external tasks)
    Answer fetch = answer(cockpit.send("POST", WEBAPP + "/external-task/fetchAndLock", "{\"workerId\":\"w\","
        + "\"maxTasks\":1,\"asyncResponseTimeout\":200,\"topics\":[{\"topicName\":\"none\",\"lockDuration\":1000}]}"));
    assertThat(fetch.status()).as(fetch.toString()).isEqualTo(200);
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(response.statusCode(), response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine-rest", "webapp"})
  void objectVariablesOfForeignTypesAndJavaSerializationAreRefusedAndNotStored(String which) {
    EngineApi api = api(which, "admin");
    String instance = runningInstance();
    String base = "/process-instance/" + instance + "/variables";
    Map<String, String> refused = Map.of(
        "javaSerialized", object("rO0ABXQAAA==", "java.lang.String", "application/x-java-serialized-object"),
        "processBuilder", object("{}", "java.lang.ProcessBuilder", "application/json"),
        "listOfUrls", object("[]", "java.util.ArrayList<java.net.URL>", "application/json"),
        "xml", object("<a/>", "java.lang.String", "application/xml"),
        "noType", "{\"type\":\"Object\",\"value\":\"{}\"}",
        "ownClass", object("{}", "io.changegate.change.Change", "application/json"));
    for (Map.Entry<String, String> variable : refused.entrySet()) {
      Answer put = api.send("PUT", base + "/" + variable.getKey(), variable.getValue());
      assertThat(put.status()).as(variable.getKey() + ": " + put).isEqualTo(400);
      Answer modify = api.send("POST", base, "{\"modifications\":{\"" + variable.getKey() + "\":"
          + variable.getValue() + "}}");
      assertThat(modify.status()).as(variable.getKey() + ": " + modify).isEqualTo(400);
      assertThat(runtime.getVariable(instance, variable.getKey())).as(variable.getKey() + " stored").isNull();
    }
    assertThat(api.send("PUT", base + "/processBuilder", refused.get("processBuilder")).json().path("message")
        .asText()).contains("'java.lang.ProcessBuilder' are refused");

    Answer start = api.send("POST", "/process-definition/key/emergency-change/start",
        "{\"variables\":{\"payload\":" + refused.get("processBuilder") + "}}");
    assertThat(start.status()).as(start.toString()).isIn(400, 403);

    // plain JSON collections of allowed types are stored and read back
    Answer allowed = api.send("PUT", base + "/groups",
        object("[\"cab\",\"legal\"]", "java.util.ArrayList<java.lang.String>", "application/json"));
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
    assertThat(runtime.getVariable(instance, "groups")).isEqualTo(List.of("cab", "legal"));
    assertThat(api.send("DELETE", base + "/groups", null).status()).isEqualTo(204);
    assertThat(engine.getProcessEngineConfiguration().isDeserializationTypeValidationEnabled()).isTrue();
  }

  private static String object(String value, String type, String format) {
    return "{\"type\":\"Object\",\"value\":" + JSON.valueToTree(value) + ",\"valueInfo\":{\"objectTypeName\":\""
        + type + "\",\"serializationDataFormat\":\"" + format + "\"}}";
  }

  @Test
  void aGovernanceRefusalReachesTasklistAsA400WithTheRulesOwnWords() {
    Reviews reviews = new Reviews(port, tasks);
    Map<String, Object> change = Changes.normal("Webapp refusal probe");
    change.put("runbook", Map.of("steps", List.of("Sync in Argo CD"),
        "rollbackSteps", List.of("Roll back in Argo CD")));
    String id = Http.as(port, "requester").post("/api/changes", change).json().path("id").asText();
    reviews.passFmea(id, "requester", Reviews.highRiskWorksheet());
    Task review = reviews.awaitTask(id, Reviews.REVIEW_RUNBOOK);
    String task = WEBAPP + "/task/" + review.getId();

    // the requester, a developer like the reviewers, claims, completes and submits the review of their own change
    WebappSession requester = WebappSession.loggedIn(port, "requester");
    Map<String, Object> approve = new HashMap<>(Reviews.decision("APPROVE", "looks fine"));
    for (String flag : List.of("preChecksVerified", "stepsVerified", "postChecksVerified", "rollbackStepsVerified")) {
      approve.put(flag, Map.of("value", true));
    }
    String variables = JSON.valueToTree(Map.of("variables", approve)).toString();
    HttpResponse<String> claim = requester.send("POST", task + "/claim", "{\"userId\":\"requester\"}");
    HttpResponse<String> complete = requester.send("POST", task + "/complete", variables);
    HttpResponse<String> submit = requester.send("POST", task + "/submit-form", variables);

    for (HttpResponse<String> refused : List.of(claim, complete, submit)) {
      Answer answer = new Answer(refused.statusCode(), refused.body());
      assertThat(answer.status()).as(refused.request().uri() + ": " + answer).isEqualTo(400);
      assertThat(answer.json().path("type").asText()).isEqualTo("GovernanceRefusal");
      assertThat(answer.json().path("message").asText()).contains("segregation of duties")
          .doesNotContain("ENGINE-", "Exception");
    }

    // a reviewer who approves without confirming the runbook is told why, in Tasklist too
    WebappSession reviewer = WebappSession.loggedIn(port, "reviewer");
    HttpResponse<String> unconfirmed = reviewer.send("POST", task + "/submit-form",
        JSON.valueToTree(Map.of("variables", Reviews.decision("APPROVE", null))).toString());
    assertThat(unconfirmed.statusCode()).as(unconfirmed.body()).isEqualTo(400);
    assertThat(new Answer(400, unconfirmed.body()).json().path("message").asText()).contains("not confirmed");
    // a variable of the wrong type is the client's mistake too, not a ClassCastException
    HttpResponse<String> mistyped = reviewer.send("POST", task + "/complete",
        "{\"variables\":{\"decision\":{\"value\":1,\"type\":\"Integer\"}}}");
    assertThat(mistyped.statusCode()).as(mistyped.body()).isEqualTo(400);
    assertThat(mistyped.body()).contains("'decision' must be a String");

    Task unchanged = tasks.createTaskQuery().taskId(review.getId()).singleResult();
    assertThat(unchanged).as("the review is still open").isNotNull();
    assertThat(unchanged.getAssignee()).isNull();
    assertThat(Http.as(port, "auditor").get("/api/changes/" + id).json().path("approvals").findValuesAsText("who"))
        .doesNotContain("requester", "reviewer");
  }
}
