package io.changegate.itsm;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Timelines;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Incidents and problems both ways over real HTTP with the real engine (the sandbox ITSM adapter): from an incident,
 * the changes deployed to its service in a window; an incident and a problem linked to changes, visible on both
 * sides; the change failure rate counting the links.
 */
@ChangegateIntegrationTest
class IncidentLinksApiTest {

  @LocalServerPort int port;

  /** A service template config-toggle covers (a standard change deploys without approvals). */
  static final String SERVICE = "catalog-service";

  /** A team of its own, so that the delivery figures hold this test's deployments only. */
  private static String team() {
    return "itsm-" + Long.toString(System.nanoTime(), 36);
  }

  @SuppressWarnings("unchecked")
  private String completedChange(String team, String title) {
    Map<String, Object> change = Changes.standard(title);
    change.put("service", SERVICE);
    change.put("team", team);
    ((Map<String, Object>) change.get("artifact")).put("name", SERVICE);
    change.put("validation", map("stabilizationMinutes", 0));
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    JsonNode done = Await.until(Duration.ofSeconds(90), () -> change(id),
        c -> c.path("status").asText().matches("COMPLETED|ROLLED_BACK|FAILED"), id + " to complete");
    assertThat(done.path("status").asText()).as(Timelines.events(done).toString()).isEqualTo("COMPLETED");
    return id;
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private static String q(Instant instant) {
    return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void fromAnIncidentTheChangesDeployedToItsServiceInTheWindow() {
    String service = SERVICE;
    Instant before = Instant.now().minusSeconds(1);
    String id = completedChange(team(), "Deployed in the incident's window");
    Instant after = Instant.now().plusSeconds(1);
    Http auditor = Http.as(port, "auditor");

    JsonNode inWindow = auditor.get("/api/changes?service=" + service + "&deployedFrom=" + q(before)
        + "&deployedTo=" + q(after)).json();
    JsonNode earlier = auditor.get("/api/changes?service=" + service + "&deployedFrom="
        + q(before.minusSeconds(7200)) + "&deployedTo=" + q(before.minusSeconds(3600))).json();
    JsonNode openEnded = auditor.get("/api/changes?service=" + service + "&deployedFrom=" + q(before)).json();
    JsonNode otherService = auditor.get("/api/changes?service=" + service + "-other&deployedFrom=" + q(before)
        + "&deployedTo=" + q(after)).json();

    assertThat(inWindow.findValuesAsText("id")).contains(id);
    assertThat(inWindow.findValuesAsText("service")).containsOnly(service);
    assertThat(earlier.findValuesAsText("id")).doesNotContain(id);
    assertThat(openEnded.findValuesAsText("id")).contains(id);
    assertThat(otherService).isEmpty();
  }

  @Test
  void aWindowThatIsNoWindowIsRefused400() {
    Http auditor = Http.as(port, "auditor");

    Http.Response reversed = auditor.get("/api/changes?service=payments-api&deployedFrom=2026-03-02T00:00:00Z"
        + "&deployedTo=2026-03-01T00:00:00Z");
    Http.Response notAnInstant = auditor.get("/api/changes?deployedFrom=yesterday&deployedTo=2026-03-01");
    Http.Response outOfRange = auditor.get("/api/changes?deployedFrom=0001-01-01T00:00:00Z");

    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reversed.json().path("errors").findValuesAsText("field")).containsExactly("deployedTo");
    assertThat(notAnInstant.status()).isEqualTo(400);
    assertThat(notAnInstant.json().path("errors").findValuesAsText("field"))
        .containsExactly("deployedFrom", "deployedTo");
    assertThat(outOfRange.status()).isEqualTo(400);
    assertThat(outOfRange.json().path("errors").findValuesAsText("field")).containsExactly("deployedFrom");
  }

  @Test
  void incidentsAndProblemsAreLinkedBothWaysAndCountInTheChangeFailureRate() {
    String team = team();
    String first = completedChange(team, "First release");
    String second = completedChange(team, "Second release");
    String third = completedChange(team, "Third release");
    Http ops = Http.as(port, "ops-engineer");
    String dora = "/api/metrics/dora?team=" + team + "&environment=staging&from="
        + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
    JsonNode unlinked = Http.as(port, "auditor").get(dora).json().path("overall").path("figures");
    assertThat(unlinked.path("deployments").asInt()).isEqualTo(3);
    assertThat(unlinked.path("failures").asInt()).isZero();

    // an incident of the ITSM tool, linked to the first change
    assertThat(Http.as(port, "requester").post("/api/changes/" + first + "/incidents",
        map("reference", "INC0010001")).status()).as("operations, the CAB and administrators link").isEqualTo(403);
    assertThat(ops.post("/api/changes/" + first + "/incidents", map("reference", "not a reference")).status())
        .isEqualTo(400);
    assertThat(ops.post("/api/changes/CHG-999999999/incidents", map("reference", "INC0010001")).status())
        .isEqualTo(404);
    Http.Response linked = ops.post("/api/changes/" + first + "/incidents", map("reference", "INC0010001"));
    Http.Response again = ops.post("/api/changes/" + first + "/incidents", map("reference", "INC0010001"));

    assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
    assertThat(linked.json().path("system").asText()).isEqualTo("sandbox");
    assertThat(again.status()).as("linked once").isEqualTo(200);
    JsonNode firstView = change(first);
    assertThat(firstView.path("incidents").findValuesAsText("reference")).containsExactly("INC0010001");
    assertThat(firstView.path("incidents").get(0).path("kind").asText()).isEqualTo("LINKED");
    assertThat(Timelines.events(firstView).stream().filter("INCIDENT_LINKED"::equals)).hasSize(1);

    // a problem behind two incidents, caused by the second change
    Http.Response unknown = ops.post("/api/problems", map("title", "Connection pool exhausted",
        "incidents", List.of("INC0010002", ""), "changes", List.of(second, "CHG-999999999")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("incidents[1]",
        "changes[1]");
    Http.Response problem = ops.post("/api/problems", map("title", "Connection pool exhausted",
        "incidents", List.of("INC0010002", "INC0010003"), "changes", List.of(second)));

    assertThat(problem.status()).as(problem.toString()).isEqualTo(201);
    String problemId = problem.json().path("id").asText();
    assertThat(problem.header("Location")).isEqualTo("/api/problems/" + problemId);
    JsonNode read = Http.as(port, "reviewer").get("/api/problems/" + problemId).json();
    assertThat(read.path("changes").findValuesAsText("id")).containsExactly(second);
    assertThat(read.path("incidents").findValuesAsText("reference")).containsExactly("INC0010002", "INC0010003");
    JsonNode secondView = change(second);
    assertThat(secondView.path("problems").findValuesAsText("id")).containsExactly(problemId);
    assertThat(Timelines.events(secondView)).contains("PROBLEM_LINKED");
    assertThat(Http.as(port, "auditor").get("/api/problems/PRB-999999999").status()).isEqualTo(404);

    // the links are what makes a deployment count as failed
    JsonNode figures = Http.as(port, "auditor").get(dora).json().path("overall").path("figures");
    assertThat(figures.path("deployments").asInt()).isEqualTo(3);
    assertThat(figures.path("failures").asInt()).isEqualTo(2);
    assertThat(figures.path("failedIncidentLinked").asInt()).isEqualTo(2);
    assertThat(figures.path("changeFailureRate").asDouble()).isBetween(66.6, 66.7);
    assertThat(change(third).path("incidents")).isEmpty();
  }
}
