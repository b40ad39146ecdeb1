package io.changegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import io.changegate.support.LoopbackClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every error under {@code /api} is {@code application/problem+json}, also those no controller answers: what Tomcat
 * refuses before any filter runs, a path with no endpoint, a method an endpoint does not have (Tomcat's refusals on
 * the engine APIs are in those APIs' own error format). And the API reads
 * and writes JSON only, though libraries put Jackson's XML and YAML on the classpath: a body in another format
 * would pass none of the checks made on a JSON body.
 */
@ChangegateIntegrationTest
class ApiErrorsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private LoopbackClient.Answer send(String method, String path, Map<String, String> headers, String body) {
    return new LoopbackClient("127.0.0.1", port).send(method, path, headers, body);
  }

  private static Map<String, String> admin() {
    return Map.of("Authorization", Http.basic("admin", "admin"));
  }

  /** The answer is problem+json with this status, its RFC 9457 members filled in. */
  private static JsonNode assertProblem(LoopbackClient.Answer answer, int status) throws Exception {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }

  private long changes() {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single();
  }

  // ---- what Tomcat refuses before any filter or servlet ---------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/api/changes/a%2fb", "/api/changes/a%5Cb", "/api/changes/%00", "/api/changes/x%",
      "/api/changes/x%zz", "/api/changes/%C0%AF"})
  void aPathOrQueryTomcatCannotReadIsProblemJsonOnTheApi(String path) throws Exception {
    JsonNode problem = assertProblem(send("GET", path, admin(), null), 400);

    assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
    assertThat(problem.path("instance").asText()).startsWith("/api/changes");
  }

  @Test
  void aRequestLineTomcatCannotReadIsProblemJsonForThereIsNoPathToTellItBy() throws Exception {
    // a character the query string must %-encode: Tomcat stops reading the request line, the path included
    JsonNode problem = assertProblem(send("GET", "/api/changes?status=a|b", admin(), null), 400);

    assertThat(problem.has("instance")).isFalse();
  }

  @Test
  void headersOverTheLimitAreProblemJsonOnTheApi() throws Exception {
    JsonNode problem = assertProblem(send("GET", "/api/changes", Map.of("Authorization", Http.basic("admin", "admin"),
        "X-Padding", "a".repeat(20_000)), null), 400);

    assertThat(problem.path("instance").asText()).isEqualTo("/api/changes");
  }

  /** The engine APIs answer every error in the engine REST API's format: so do Tomcat's refusals there. */
  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/user/a%2fb", "/engine-rest/user/%00", "/engine-rest/task/x%",
      "/camunda/api/engine/engine/default/user/a%2fb"})
  void onTheEngineApisTomcatsRefusalIsInTheEngineApisErrorFormat(String path) throws Exception {
    LoopbackClient.Answer answer = send("GET", path, admin(), null);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.path("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(error.path("message").asText()).startsWith("HTTP 400 Bad Request");
    assertThat(error.has("code")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest;x=y/user", "/engine-rest//user", "/camunda/api/engine;x=y/engine/default/user"})
  void onTheEngineApisAPathNotInNormalFormIsRefusedInTheirErrorFormatToo(String path) throws Exception {
    LoopbackClient.Answer answer = send("GET", path, admin(), null);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo("InvalidRequestException");
  }

  @Test
  void aMethodTheServerDoesNotImplementIsProblemJsonThatSaysSo() throws Exception {
    JsonNode problem = assertProblem(send("CONNECT", "/api/changes", admin(), null), 501);

    assertThat(problem.path("detail").asText()).contains("CONNECT").doesNotContain("unexpectedly");
  }

  @Test
  void outsideTheApiTomcatsPageStaysWithoutItsReportOrVersion() {
    LoopbackClient.Answer answer = send("GET", "/changes/a%2fb", admin(), null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("text/html");
    assertThat(answer.body()).contains("400").doesNotContain("Apache Tomcat/").doesNotContain("Exception");
  }

  // ---- what reaches Spring but no controller ----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "text/html", "application/xml", "*/*"})
  void aPathWithNoEndpointIsA404ProblemWhateverTheClientAccepts(String accept) throws Exception {
    Map<String, String> headers = Map.of("Authorization", Http.basic("admin", "admin"), "Accept", accept);
    for (String path : new String[] {"/api/no-such-thing", "/api", "/api/changes/CHG-000001/no-such-thing"}) {
      JsonNode problem = assertProblem(send("GET", path, headers, null), 404);

      assertThat(problem.path("instance").asText()).isEqualTo(path);
      assertThat(problem.path("detail").asText()).contains(path).doesNotContain("static resource");
    }
  }

  @Test
  void aMethodAnEndpointDoesNotHaveIsA405ProblemWithAllow() throws Exception {
    LoopbackClient.Answer answer = send("PATCH", "/api/changes", admin(), "{}");

    JsonNode problem = assertProblem(answer, 405);
    assertThat(problem.path("detail").asText()).contains("PATCH");
    assertThat(answer.header("Allow")).contains("GET").contains("POST");
    assertProblem(send("DELETE", "/api/standard-changes", admin(), null), 405);
  }

  // ---- JSON only ------------------------------------------------------------------------------------------------

  /** A change as XML or YAML: before, Jackson's converters for those formats read it into a change. */
  @ParameterizedTest
  @ValueSource(strings = {"application/xml", "text/xml", "application/yaml", "application/x-yaml"})
  void aChangeInAnotherFormatThanJsonIsA415AndNothingIsStored(String contentType) throws Exception {
    String body = contentType.contains("xml")
        ? "<ChangeRequest><title>Not JSON</title><service>payments-api</service><environment>staging</environment>"
            + "<artifact><name>payments-api</name><version>1.0.0</version></artifact><impact>LOW</impact>"
            + "<urgency>LOW</urgency></ChangeRequest>"
        : "title: Not JSON\nservice: payments-api\nenvironment: staging\n"
            + "artifact: {name: payments-api, version: 1.0.0}\nimpact: LOW\nurgency: LOW\n";
    long before = changes();

    JsonNode problem = assertProblem(send("POST", "/api/changes", Map.of("Authorization",
        Http.basic("requester", "requester"), "Content-Type", contentType), body), 415);

    assertThat(problem.path("detail").asText()).contains(contentType);
    assertThat(changes()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/xml", "text/xml", "application/yaml"})
  void anAcceptWithoutJsonIsA406Problem(String accept) throws Exception {
    Map<String, String> headers = Map.of("Authorization", Http.basic("admin", "admin"), "Accept", accept);

    assertProblem(send("GET", "/api/changes", headers, null), 406);
    assertProblem(send("GET", "/api/standard-changes", headers, null), 406);
  }
}
