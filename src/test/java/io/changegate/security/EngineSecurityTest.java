package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Secure by default: {@code /engine-rest} needs HTTP Basic, the engine's authorizations hold per group,
 * the webapps keep their CSRF protection, and the two mitigations for Camunda 7.24.0 CE hold.
 */
@ChangegateIntegrationTest
class EngineSecurityTest {

  private static final String OR_QUERY_WITH_EXPRESSION =
      "{\"orQueries\":[{\"assigneeExpression\":\"${execution.getProcessEngineServices()}\"}]}";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired RuntimeService runtime;

  @Test
  void engineRestRefusesAnonymousAndWrongPasswords() {
    Http.Response anonymous = Http.anonymous(port).get("/engine-rest/task");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");

    Http.Response wrong = Http.anonymous(port).send(Http.anonymous(port).request("/engine-rest/task")
        .header("Authorization", Http.basic("mallory", "guess")).GET());
    assertThat(wrong.status()).isEqualTo(401);

    assertThat(Http.as(port, "requester").get("/engine-rest/task").status()).isEqualTo(200);
  }

  @Test
  void auditorReadsHistoryButStartsNothing() {
    Http auditor = Http.as(port, "auditor");
    assertThat(auditor.get("/engine-rest/history/process-instance?maxResults=5").status()).isEqualTo(200);
    assertThat(auditor.get("/engine-rest/process-definition?key=change-request").json()).hasSize(1);

    for (String key : List.of("change-request", "standard-change", "normal-change", "emergency-change")) {
      Http.Response start = auditor.post("/engine-rest/process-definition/key/" + key + "/start", "{}");
      assertThat(start.status()).as(key + ": " + start).isEqualTo(403);
    }
  }

  @Test
  void onlyOperationsMayStartEmergencyChanges() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey("emergency-change").count();

    Http.Response requester = Http.as(port, "requester")
        .post("/engine-rest/process-definition/key/emergency-change/start", "{\"businessKey\":\"CHG-1\"}");

    assertThat(requester.status()).as(requester.toString()).isEqualTo(403);
    assertThat(requester.json().path("type").asText()).isEqualTo("AuthorizationException");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("emergency-change").count())
        .isEqualTo(before);
    assertThat(isAllowedToStart("ops-engineer", "emergency-change")).isTrue();
    assertThat(isAllowedToStart("ops-lead", "emergency-change")).isTrue();
    assertThat(isAllowedToStart("requester", "emergency-change")).isFalse();
    assertThat(isAllowedToStart("cab-chair", "emergency-change")).isFalse();
    assertThat(isAllowedToStart("auditor", "emergency-change")).isFalse();
  }

  @Test
  void changesEnterThroughTheApiNotByStartingTheirProcessesDirectly() {
    for (String user : List.of("requester", "ops-engineer", "cab-chair", "process-owner")) {
      for (String key : List.of("change-request", "standard-change", "normal-change", "deployment")) {
        assertThat(isAllowedToStart(user, key)).as(user + " starting " + key).isFalse();
      }
    }
  }

  @Test
  void nestedOrQueryExpressionsAreRefusedOnEngineRest() {
    Http.Response query = Http.as(port, "requester").post("/engine-rest/task", OR_QUERY_WITH_EXPRESSION);
    assertThat(query.status()).as(query.toString()).isEqualTo(400);
    assertThat(query.body()).contains("orQueries");

    Http.Response hashExpression = Http.as(port, "requester").post("/engine-rest/task/count",
        "{\"orQueries\":[{\"candidateGroupsExpression\":\"#{currentUserGroups()}\"}]}");
    assertThat(hashExpression.status()).isEqualTo(400);

    Http.Response escaped = Http.as(port, "requester").post("/engine-rest/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{1+1}\"}]}");
    assertThat(escaped.status()).as("unicode-escaped $").isEqualTo(400);

    Http.Response storedFilter = Http.as(port, "admin").post("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"sneaky\",\"query\":" + OR_QUERY_WITH_EXPRESSION + "}");
    assertThat(storedFilter.status()).as(storedFilter.toString()).isEqualTo(400);

    Http.Response harmless = Http.as(port, "requester").post("/engine-rest/task",
        "{\"orQueries\":[{\"assignee\":\"requester\",\"candidateGroup\":\"developers\"}]}");
    assertThat(harmless.status()).as("or-queries without expressions still work").isEqualTo(200);
  }

  @Test
  void nestedOrQueryExpressionsAreRefusedOnTheWebappsApi() {
    WebappSession tasklist = WebappSession.loggedIn(port, "reviewer");

    HttpResponse<String> refused = tasklist.postJson("/camunda/api/engine/engine/default/task",
        OR_QUERY_WITH_EXPRESSION, true);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("orQueries");

    HttpResponse<String> harmless = tasklist.postJson("/camunda/api/engine/engine/default/task",
        "{\"orQueries\":[{\"assignee\":\"reviewer\"}]}", true);
    assertThat(harmless.statusCode()).as(harmless.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"requester", "cab-chair", "ops-lead", "legal-counsel", "process-owner", "auditor", "admin"})
  void demoUsersLogInToTasklist(String user) {
    assertThat(WebappSession.loggedIn(port, user)).isNotNull();
  }

  @Test
  void webappsKeepTheirCsrfProtection() {
    WebappSession tasklist = WebappSession.loggedIn(port, "security-officer");

    assertThat(tasklist.postJson("/camunda/api/engine/engine/default/task", "{}", true).statusCode())
        .isEqualTo(200);

    HttpResponse<String> withoutToken = tasklist.postJson("/camunda/api/engine/engine/default/task", "{}", false);

    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("CSRF");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/camunda/api/admin/setup/default/user/create",
      "/camunda/api/admin/SETUP/default/user/create",
      "/camunda/api/admin//setup/default/user/create",
      "/camunda/api/admin/setup;x=y/default/user/create",
      "/camunda/api/admin/%73etup/default/user/create"})
  void adminSetupIsClosedWhileAnAdministratorExists(String path) {
    String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@x\"},"
        + "\"credentials\":{\"password\":\"intruder1\"}}";

    Http.Response response = Http.anonymous(port).post(path, body);

    assertThat(response.status()).as(response.toString()).isIn(400, 403, 404);
    assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
        .extracting(u -> u.getId()).containsExactly("admin");
  }

  @Test
  void javaSerializedVariablesAreRefused() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Serialization probe")).json()
        .path("id").asText();
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey("change-request").singleResult().getId();

    assertThatThrownBy(() -> runtime.setVariable(instance, "payload", Variables.serializedObjectValue("rO0ABXQAAA==")
        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).objectTypeName("java.lang.String")
        .create()))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Java serialization format is prohibited");
  }

  @Test
  void noH2ConsoleAndNoAnonymousActuatorDetails() {
    assertThat(Http.anonymous(port).get("/h2-console").status()).isIn(401, 404);
    assertThat(Http.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
    assertThat(Http.anonymous(port).get("/actuator/env").status()).isIn(401, 404);
    assertThat(Http.as(port, "requester").get("/actuator/env").status()).isIn(403, 404);
  }

  private boolean isAllowedToStart(String user, String processKey) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    return authorizations.isUserAuthorized(user, groups, ProcessDefinitionPermissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, processKey)
        && authorizations.isUserAuthorized(user, groups,
        org.camunda.bpm.engine.authorization.Permissions.CREATE, Resources.PROCESS_INSTANCE);
  }
}
