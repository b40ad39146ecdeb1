package io.changegate.change;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change body's {@code commit} and {@code team} over real HTTP: validated with every error at once, stored with
 * the change, shown by {@code GET /api/changes/{id}} and preserved in the evidence bundle of a rollback.
 */
@ChangegateIntegrationTest
@SuppressWarnings("unchecked")
class ChangeCommitApiTest {

  private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  @Autowired Clock clock;

  private Map<String, Object> commit() {
    return map("sha", SHA.toUpperCase(), "repository", "https://git.example/payments/payments-api",
        "time", "2026-01-05T09:30:00+01:00", "pipelineUrl", "https://ci.example/payments-api/runs/4711",
        "configurationRevision", "config@3f2a9c1");
  }

  @Test
  void theCommitAndTeamAreStoredAndShownWithTheChange() {
    Map<String, Object> request = Changes.standard("Built by the pipeline");
    request.put("commit", commit());
    request.put("team", "payments");

    Http.Response created = Http.as(port, "requester").post("/api/changes", request);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    JsonNode shown = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(shown.path("team").asText()).isEqualTo("payments");
    JsonNode commit = shown.path("commit");
    assertThat(commit.path("sha").asText()).isEqualTo(SHA);
    assertThat(commit.path("repository").asText()).isEqualTo("https://git.example/payments/payments-api");
    assertThat(java.time.OffsetDateTime.parse(commit.path("time").asText()).toInstant())
        .isEqualTo(java.time.Instant.parse("2026-01-05T08:30:00Z"));
    assertThat(commit.path("pipelineUrl").asText()).isEqualTo("https://ci.example/payments-api/runs/4711");
    assertThat(commit.path("configurationRevision").asText()).isEqualTo("config@3f2a9c1");
    assertThat(shown.path("timeline").get(0).path("details").path("commit").asText()).isEqualTo(SHA);
    // the OpenAPI document describes the body's commit and team
    JsonNode schemas = Http.as(port, "auditor").get("/v3/api-docs").json().path("components").path("schemas");
    assertThat(schemas.path("Commit").path("properties").has("configurationRevision")).isTrue();
    assertThat(schemas.path("ChangeRequest").path("properties").has("team")).isTrue();
    assertThat(schemas.path("ChangeView").path("properties").has("commit")).isTrue();
  }

  @Test
  void withoutATeamTheRequestersGroupDeliversTheChangeAndWithoutACommitThereIsNone() {
    Map<String, Object> request = Changes.standard("No pipeline data");
    request.put("commit", map("sha", "abc1234", "repository", "payments/payments-api",
        "time", clock.instant().minusSeconds(60).toString()));

    JsonNode created = Http.as(port, "requester").post("/api/changes", request).json();
    JsonNode bare = Http.as(port, "ops-engineer").post("/api/changes", Changes.standard("Bare")).json();

    assertThat(created.path("team").asText()).isEqualTo("developers");
    assertThat(created.path("commit").path("repository").asText()).isEqualTo("payments/payments-api");
    assertThat(created.path("commit").path("pipelineUrl").asText(null)).isNull();
    assertThat(bare.path("team").asText()).isEqualTo("operations");
    assertThat(bare.path("commit").asText(null)).isNull();
  }

  @Test
  void everyInvalidCommitFieldIsReportedAndNothingIsStored() {
    Map<String, Object> request = Changes.standard("Bad commit");
    request.put("commit", map("sha", "xyz", "repository", "not a repo; rm -rf /",
        "time", clock.instant().plus(Duration.ofHours(2)).toString(), "pipelineUrl", "ftp://ci.example/run",
        "configurationRevision", "rev with spaces"));
    request.put("team", "Payments Team");
    int before = count();

    Http.Response refused = Http.as(port, "requester").post("/api/changes", request);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    refused.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("commit.sha", "commit.repository", "commit.time",
        "commit.pipelineUrl", "commit.configurationRevision", "team");
    assertThat(count()).isEqualTo(before);

    Map<String, Object> incomplete = Changes.standard("Commit without time");
    incomplete.put("commit", map("sha", SHA));
    Http.Response noTime = Http.as(port, "requester").post("/api/changes", incomplete);
    assertThat(noTime.status()).isEqualTo(400);
    assertThat(noTime.json().path("errors").get(0).path("field").asText()).isEqualTo("commit.time");

    Map<String, Object> notATime = Changes.standard("Commit with a bad time");
    notATime.put("commit", map("sha", SHA, "time", "yesterday"));
    assertThat(Http.as(port, "requester").post("/api/changes", notATime).status()).isEqualTo(400);
  }

  @Test
  void theEvidenceOfARollbackHoldsTheCommit() throws Exception {
    Map<String, Object> request = Changes.standard("Rolled back with its commit");
    request.put("commit", commit());
    String id = Http.as(port, "requester").post("/api/changes", request).json().path("id").asText();
    Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("FAILED|COMPLETED"), id + " to complete");

    assertThat(Http.as(port, "ops-engineer").post("/api/changes/" + id + "/rollback", map("reason", "errors"))
        .status()).isEqualTo(202);
    Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("ROLLED_BACK|FAILED"), id + " to be rolled back");

    JsonNode evidence = Http.as(port, "auditor").get("/api/changes/" + id + "/evidence").json();
    JsonNode item = null;
    for (JsonNode i : evidence.path("bundles").get(0).path("items")) {
      if ("commit.json".equals(i.path("name").asText())) {
        item = new ObjectMapper().readTree(i.path("content").asText());
      }
    }
    assertThat(item).as("commit.json in " + evidence).isNotNull();
    assertThat(item.path("commit").path("sha").asText()).isEqualTo(SHA);
    assertThat(item.path("commit").path("pipelineUrl").asText()).isEqualTo("https://ci.example/payments-api/runs/4711");
    assertThat(item.path("team").asText()).isEqualTo("developers");
  }

  private int count() {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Integer.class).single();
  }
}
