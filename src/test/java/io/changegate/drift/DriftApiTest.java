package io.changegate.drift;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drift over real HTTP in the demo profile: a target deployed through the command adapter, whose {@code current}
 * command reports a release nobody deployed through Changegate, is found on the next check — recorded with the
 * evidence, its environment's owner group told, an incident opened on the change — and found once; a target that
 * runs what was deployed is not.
 */
@ChangegateIntegrationTest
class DriftApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void aTargetRunningWhatNoChangeDeployedIsRecordedOnceWithEvidenceOwnerAndIncident() throws Exception {
    Map<String, Object> staging = JSON.convertValue(Http.as(port, "auditor").get("/api/environments/staging").json(),
        Map.class);
    for (String computed : List.of("version", "createdBy", "createdAt", "updatedBy", "updatedAt")) {
      staging.remove(computed);
    }
    staging.put("allowedAdapters", List.of("sandbox", "command"));
    Http ops = Http.as(port, "ops-engineer");
    assertThat(ops.send(ops.request("/api/environments/staging").header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(staging)))).status()).isEqualTo(200);
    String suffix = Long.toHexString(System.nanoTime());
    String drifting = "drifting-" + suffix;
    String calm = "calm-" + suffix;
    Map<String, Object> change = Changes.standard("Two targets, one changed by hand later");
    change.put("targets", List.of(map("adapter", "command", "name", drifting), map("adapter", "sandbox", "name", calm)));
    String id = Http.as(port, "requester").post("/api/changes", change).json().path("id").asText();
    JsonNode done = Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + id)
        .json(), c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), id + " to finish");
    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");

    assertThat(Http.as(port, "requester").post("/api/drift/checks", "{}").status()).isEqualTo(403);
    JsonNode found = ops.post("/api/drift/checks", "{}").json();

    List<JsonNode> mine = new ArrayList<>();
    found.forEach(f -> {
      if (f.path("target").asText().endsWith(suffix)) {
        mine.add(f);
      }
    });
    assertThat(mine).as(found.toString()).hasSize(1);
    JsonNode finding = mine.get(0);
    assertThat(finding.path("target").asText()).isEqualTo(drifting);
    assertThat(finding.path("environment").asText()).isEqualTo("staging");
    assertThat(finding.path("adapter").asText()).isEqualTo("command");
    assertThat(finding.path("expectedChange").asText()).isEqualTo(id);
    assertThat(finding.path("expectedVersion").asText()).isEqualTo("1.4.2");
    assertThat(finding.path("actualVersion").asText()).isEqualTo("hotfix-by-hand");
    assertThat(finding.path("ownerGroup").asText()).isEqualTo("operations");
    assertThat(finding.path("incidentReference").asText()).isNotBlank();
    assertThat(finding.path("evidence").asText()).contains("hotfix-by-hand", "\"adapter\":\"command\"", "\"expected\"", "keeps no deployment history");

    JsonNode dossier = Http.as(port, "auditor").get("/api/changes/" + id).json();
    List<String> events = dossier.path("timeline").findValuesAsText("event");
    assertThat(events).contains("DRIFT_DETECTED", "INCIDENT_OPENED");
    assertThat(dossier.path("incidents").findValuesAsText("reference"))
        .contains(finding.path("incidentReference").asText());

    assertThat(ops.post("/api/drift/checks", "{}").json().findValuesAsText("target")).doesNotContain(drifting);
    JsonNode listed = Http.as(port, "auditor").get("/api/drift?environment=staging").json();
    assertThat(listed.findValuesAsText("target").stream().filter(drifting::equals)).hasSize(1);
    assertThat(Http.as(port, "auditor").get("/api/drift?limit=0").status()).isEqualTo(400);
  }
}
