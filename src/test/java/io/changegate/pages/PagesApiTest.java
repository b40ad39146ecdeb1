package io.changegate.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.PageSession;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Changegate's pages over real HTTP as their users would use them: the session login with its CSRF token, submitting
 * a change with errors next to their fields, the change page and {@code waitingFor} (a task, a window, another change
 * holding its target), the search with completed changes, the actions of the roles allowed.
 */
@ChangegateIntegrationTest
class PagesApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;

  @Test
  void thePagesNeedALoginAndEveryFormItsCsrfToken() {
    PageSession anonymous = new PageSession(port);
    PageSession.Page page = anonymous.get("/changes/CHG-000001");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login");
    assertThat(anonymous.postRaw("/login", Map.of("username", "requester", "password", "requester")).status())
        .as("a login without the form's token").isEqualTo(403);
    assertThat(anonymous.get("/login").body()).contains("name=\"_csrf\"").contains("<label for=\"username\">");
    PageSession.Page wrong = anonymous.post("/login", Map.of("username", "requester", "password", "nope"));
    assertThat(wrong.location()).endsWith("/login?error");

    PageSession requester = new PageSession(port).logIn("requester");
    assertThat(requester.get("/").body()).contains("My changes", "Asked of me", "My group's work");
    assertThat(requester.postRaw("/changes/new", Map.of("title", "no token")).status()).isEqualTo(403);
    assertThat(new PageSession(port).logIn("auditor").get("/changes/new").status())
        .as("auditors submit no changes").isEqualTo(403);
  }

  @Test
  void anAddressThatIsNoPageIsChangegatesNotFoundPageWithItsNavigation() {
    for (String path : List.of("/changes/CHG-000001/no-such-page", "/no-such-page", "/me/no-such-page")) {
      PageSession.Page page = new PageSession(port).logIn("requester").get(path);

      assertThat(page.status()).as(path).isEqualTo(404);
      assertThat(page.body()).as(path).contains("<h1>Not found</h1>", "No page is at " + path,
          "<a href=\"/changes\"", "<span>requester</span>").doesNotContain("Whitelabel");
    }
    PageSession.Page nul = new PageSession(port).logIn("requester").get("/changes?q=a%00");
    assertThat(nul.status()).as("text no database keeps, refused as on the API").isEqualTo(400);
    assertThat(nul.body()).contains("<h1>Not accepted</h1>", "parameter q must not contain the NUL character");
    PageSession.Page anonymous = new PageSession(port).get("/no-such-page");
    assertThat(anonymous.status()).isEqualTo(404);
    assertThat(anonymous.body()).contains("<h1>Not found</h1>").doesNotContain("Log out", "Whitelabel");
  }

  @Test
  void aChangeSubmittedOnThePageIsValidatedLikeTheApiAndThenWaitsForItsFmeaWorksheet() {
    PageSession requester = new PageSession(port).logIn("requester");
    assertThat(requester.get("/changes/new").body()).contains("<label for=\"title\">Title *</label>");
    PageSession.Page refused = requester.post("/changes/new", Map.of("title", "", "service", "payments-api",
        "environment", "staging", "artifactName", "payments-api", "artifactVersion", "2.0.0",
        "artifactDigest", "sha256:nothex", "impact", "MEDIUM", "urgency", "LOW", "plannedStart", "tomorrow"));
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.body()).contains("The change was not submitted")
        .contains("id=\"title-error\"").contains("aria-describedby=\"title-error\"")
        .contains("id=\"artifactDigest-error\"").contains("must be &#39;sha256:&#39; followed by 64 hex digits")
        .contains("id=\"plannedStart-error\"")
        .contains("value=\"payments-api\"");

    String title = "Page change " + System.nanoTime() % 100000;
    PageSession.Page created = requester.post("/changes/new", Map.of("title", title, "service", "payments-api",
        "environment", "staging", "artifactName", "payments-api", "artifactVersion", "2.0.0",
        "artifactDigest", Changes.newDigest(), "impact", "MEDIUM", "urgency", "LOW",
        "targets", "sandbox:payments-api", "rollbackPlan", "Redeploy 1.9"));
    assertThat(created.status()).as(created.body()).isEqualTo(302);
    String id = created.location().replaceAll(".*/changes/", "");
    assertThat(id).matches("CHG-\\d+");

    JsonNode change = Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id)
        .json(), c -> c.path("waitingFor").path("kind").asText().equals("TASK"), id + " waiting for a task");
    assertThat(change.path("requester").asText()).isEqualTo("requester");
    JsonNode task = change.path("waitingFor").path("tasks").get(0);
    assertThat(task.path("name").asText()).isEqualTo("Fill in the FMEA worksheet");
    assertThat(task.path("users").findValuesAsText("users")).isEmpty();
    assertThat(task.path("users").toString()).contains("requester");
    assertThat(change.path("waitingFor").path("summary").asText()).contains("Fill in the FMEA worksheet");

    String page = requester.get("/changes/" + id).body();
    assertThat(page).contains("<h2 id=\"h-waiting\">Waiting for</h2>").contains("Fill in the FMEA worksheet")
        .contains("/camunda/app/tasklist/default/#/?task=" + task.path("taskId").asText())
        .contains("Cancel this change").doesNotContain("Request a rollback");
    assertThat(requester.get("/").body()).contains(id);

    for (String reason : List.of("w".repeat(2001), "nul\u0000")) {
      // the API's rule on every way in: a reason the engine could not store failed as a server error from the page
      PageSession.Page notStored = requester.post("/changes/" + id + "/cancel", Map.of("reason", reason));
      assertThat(notStored.status()).as(notStored.toString()).isEqualTo(400);
      assertThat(notStored.body()).contains("<h1>Not accepted</h1>", "reason");
      assertThat(Http.as(port, "auditor").get("/api/changes/" + id).json().path("status").asText())
          .isNotEqualTo("CANCELLED");
    }
    PageSession.Page cancelled = requester.post("/changes/" + id + "/cancel", Map.of("reason", "wrong artifact"));
    assertThat(cancelled.location()).endsWith("/changes/" + id);
    JsonNode ended = Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id)
        .json(), c -> c.path("status").asText().equals("CANCELLED"), id + " cancelled");
    assertThat(ended.path("waitingFor").path("kind").asText()).isEqualTo("NOTHING");
    assertThat(new PageSession(port).logIn("reviewer").post("/changes/" + id + "/cancel", Map.of()).status())
        .as("another developer may not cancel it").isIn(403, 409);
  }

  @Test
  void aChangePlannedLaterWaitsForItsWindowAndNamesTheChangeHoldingItsTarget() {
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0);
    String id = submitPlanned("Later", start,
        Map.of("targets", List.of(Map.of("adapter", "sandbox", "name", "payments-api"))));
    JsonNode waiting = Await.until(Duration.ofSeconds(30), () -> Http.as(port, "requester").get("/api/changes/" + id)
        .json().path("waitingFor"), w -> w.path("kind").asText().equals("WINDOW"), id + " waiting for its window");
    assertThat(waiting.path("until").asText()).isEqualTo(start.toInstant().toString());

    // as the environment slots record it when another change rolls out the same target
    String holder = "CHG-999001";
    jdbc.sql("INSERT INTO changegate_target_lock (environment, target_name, change_id) VALUES ('staging', 'payments-api', ?)")
        .param(holder).update();
    jdbc.sql("INSERT INTO changegate_environment_queue (change_id, environment, waiting_since) VALUES (?, 'staging', ?)")
        .params(id, OffsetDateTime.now(ZoneOffset.UTC)).update();
    try {
      JsonNode blocked = Http.as(port, "requester").get("/api/changes/" + id).json().path("waitingFor");
      assertThat(blocked.path("kind").asText()).isEqualTo("ENVIRONMENT_SLOT");
      assertThat(blocked.path("blockedBy").findValuesAsText("blockedBy")).isEmpty();
      assertThat(blocked.path("blockedBy").toString()).contains(holder);
      assertThat(blocked.path("summary").asText()).contains("blocked by " + holder);
      assertThat(new PageSession(port).logIn("requester").get("/changes/" + id).body())
          .contains("Blocked by").contains("href=\"/changes/" + holder + "\"");
    } finally {
      jdbc.sql("DELETE FROM changegate_environment_queue WHERE change_id = ?").param(id).update();
      jdbc.sql("DELETE FROM changegate_target_lock WHERE change_id = ?").param(holder).update();
    }
  }

  @Test
  void aFailedStepOrASuspensionIsWhatTheChangeWaitsForUntilItIsResolved() {
    String id = submitPlanned("Stuck", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0), Map.of());
    Await.until(Duration.ofSeconds(30), () -> Http.as(port, "requester").get("/api/changes/" + id).json()
        .path("waitingFor"), w -> w.path("kind").asText().equals("WINDOW"), id + " waiting for its window");

    // a step of one of its instances failed after its retries (an incident on the waiting execution)
    Execution waiting = runtime.createExecutionQuery().processInstanceBusinessKey(id)
        .activityId("Event_StandardPlannedStartReached").singleResult();
    Incident incident = runtime.createIncident("changegate-test", waiting.getId(), "test", "Argo CD answered 503");
    try {
      JsonNode stuck = Http.as(port, "requester").get("/api/changes/" + id).json().path("waitingFor");
      assertThat(stuck.path("kind").asText()).isEqualTo("INCIDENT");
      assertThat(stuck.path("summary").asText()).contains("Event_StandardPlannedStartReached")
          .contains("Argo CD answered 503");
      assertThat(stuck.path("incidents").get(0).path("processInstanceId").asText())
          .isEqualTo(waiting.getProcessInstanceId());
    } finally {
      runtime.resolveIncident(incident.getId());
    }
    assertThat(Http.as(port, "requester").get("/api/changes/" + id).json().path("waitingFor").path("kind").asText())
        .as("resolved").isEqualTo("WINDOW");

    // an administrator suspended the instance waiting for the window: it no longer waits for the window, nor for
    // Changegate, but for whoever activates it again
    runtime.suspendProcessInstanceById(waiting.getProcessInstanceId());
    try {
      JsonNode suspended = Http.as(port, "requester").get("/api/changes/" + id).json().path("waitingFor");
      assertThat(suspended.path("kind").asText()).isEqualTo("SUSPENDED");
      assertThat(suspended.path("summary").asText()).contains("standard-change").contains("activated again");
      assertThat(new PageSession(port).logIn("requester").get("/changes/" + id).body())
          .contains("An administrator suspended it (standard-change)");
    } finally {
      runtime.activateProcessInstanceById(waiting.getProcessInstanceId());
    }
    assertThat(Http.as(port, "requester").get("/api/changes/" + id).json().path("waitingFor").path("kind").asText())
        .as("activated").isEqualTo("WINDOW");

    Http.as(port, "requester").post("/api/changes/" + id + "/cancel", Map.of("reason", "test done"));
  }

  @Test
  void theSearchFindsCompletedChangesAndTheBoardAndCalendarShowThem() {
    String title = "Searchable toggle " + System.nanoTime() % 100000;
    Http.Response created = Http.as(port, "requester").post("/api/changes", Changes.standard(title));
    String id = created.json().path("id").asText();
    Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().equals("COMPLETED"), id + " completed");

    PageSession auditor = new PageSession(port).logIn("auditor");
    String found = auditor.get("/changes?q=" + title.replace(' ', '+') + "&status=COMPLETED&requester=requester").body();
    assertThat(found).contains(id).contains("1 found");
    assertThat(auditor.get("/changes?q=" + id.toLowerCase()).body()).as("by id, any case").contains(title);
    assertThat(auditor.get("/changes?q=" + title.replace(' ', '+') + "&status=FAILED").body()).doesNotContain(id);
    assertThat(auditor.get("/changes?from=not-a-date").body()).contains("id=\"from-error\"");
    assertThat(auditor.get("/changes/" + id).body()).contains("COMPLETED").contains("<h2 id=\"h-timeline\">Timeline</h2>")
        .contains("SUBMITTED").contains("VALIDATED").contains("Process versions it ran on");
    assertThat(auditor.get("/board").body()).contains("Waiting per step and group").contains("In flight per environment");
    assertThat(auditor.get("/calendar?view=week").body()).contains("Change calendar: Week of");
    PageSession.Page missing = auditor.get("/changes/CHG-999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("Not found");
  }

  /** A standard change planned to start at {@code start} for an hour, submitted by the requester: its id. */
  private String submitPlanned(String title, OffsetDateTime start, Map<String, Object> more) {
    Map<String, Object> request = new LinkedHashMap<>(Changes.standard(title + " " + System.nanoTime() % 100000));
    request.put("plannedStart", start.toString());
    request.put("plannedEnd", start.plusHours(1).toString());
    request.putAll(more);
    Http.Response created = Http.as(port, "requester").post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }
}
