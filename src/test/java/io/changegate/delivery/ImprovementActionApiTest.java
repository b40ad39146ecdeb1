package io.changegate.delivery;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /api/improvement-actions} over real HTTP: recorded, updated, listed, audited, refused when invalid. */
@ChangegateIntegrationTest
class ImprovementActionApiTest {

  @LocalServerPort int port;

  @Test
  void anActionFromAPostmortemIsTrackedToItsEndOnTheChangesTimeline() {
    String change = Http.as(port, "requester").post("/api/changes", Changes.normal("Needs a better runbook")).json()
        .path("id").asText();

    Http.Response created = Http.as(port, "ops-engineer").post("/api/improvement-actions", map("changeId", change,
        "title", "Add a connection-pool check to the runbook", "owner", "reviewer", "dueDate", "2026-01-15",
        "amends", "runbook:" + change));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(id).matches("ACT-\\d{6,}");
    assertThat(created.header("Location")).isEqualTo("/api/improvement-actions/" + id);
    assertThat(created.json().path("status").asText()).isEqualTo("OPEN");
    assertThat(created.json().path("source").asText()).isEqualTo("POSTMORTEM");
    JsonNode open = Http.as(port, "auditor").get("/api/improvement-actions?changeId=" + change).json();
    assertThat(open.path("open").asInt()).isEqualTo(1);
    assertThat(open.path("overdue").asInt()).isEqualTo(1);

    Http.Response done = Http.as(port, "cab-chair").send(Http.as(port, "cab-chair")
        .request("/api/improvement-actions/" + id).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\": \"DONE\"}")));

    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().path("closedAt").asText()).isNotBlank();
    JsonNode closed = Http.as(port, "auditor").get("/api/improvement-actions?changeId=" + change).json();
    assertThat(closed.path("open").asInt()).isZero();
    assertThat(closed.path("closed").asInt()).isEqualTo(1);
    List<String> events = new ArrayList<>();
    Http.as(port, "auditor").get("/api/changes/" + change).json().path("timeline")
        .forEach(e -> events.add(e.path("event").asText()));
    assertThat(events).contains("IMPROVEMENT_ACTION_RECORDED", "IMPROVEMENT_ACTION_UPDATED");
  }

  @Test
  void anInvalidActionIsRefusedWithEveryFieldAndOnlyStewardsRecordOne() {
    Http.Response bad = Http.as(port, "ops-engineer").post("/api/improvement-actions", map("changeId", "42",
        "owner", "not a user", "source", "GUESS", "amends", "wiki:page", "status", "DONE"));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field"))
        .contains("changeId", "title", "owner", "source", "amends", "status");
    assertThat(Http.as(port, "ops-engineer").post("/api/improvement-actions", map("changeId", "CHG-99999999",
        "title", "x", "owner", "reviewer")).status()).isEqualTo(404);
    assertThat(Http.as(port, "requester").post("/api/improvement-actions", map("changeId", "CHG-1", "title", "x",
        "owner", "reviewer")).status()).isEqualTo(403);
    assertThat(Http.as(port, "requester").get("/api/improvement-actions").status()).isEqualTo(403);
    assertThat(Http.as(port, "auditor").get("/api/improvement-actions?status=MAYBE").status()).isEqualTo(400);
  }
}
