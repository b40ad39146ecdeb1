package io.changegate.calendar;

import io.changegate.audit.AuditAction;
import static io.changegate.support.Timelines.events;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The calendar in the running flows, end to end over HTTP with the job executor on: a standard change
 * that meets a freeze waits and resumes by itself; a deployment that would still run when a freeze starts
 * does not start; a normal change planned inside a freeze gives its requester a task with the next free
 * slot; conflicts show in {@code GET /api/changes/{id}} and on the CAB's form.
 */
@ChangegateIntegrationTest
class CalendarSchedulingTest {

  @Autowired TaskService taskService;

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @LocalServerPort int port;

  private final List<String> windows = new ArrayList<>();
  private final List<String> changes = new ArrayList<>();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    Http admin = Http.as(port, "admin");
    for (String change : changes) {
      admin.post("/api/changes/" + change + "/cancel", map("reason", "test over"));
    }
    for (String window : windows) {
      admin.send(admin.request(window).DELETE());
    }
  }

  @Test
  void aStandardChangeSubmittedDuringAFreezeWaitsThenCompletesByItselfAndTheTimelineShowsTheWait() {
    // a freeze on catalog-service in staging, already running, over in a few seconds (Berlin wall clock);
    // staging, the first environment of the promotion order, takes a new digest without an earlier stage
    LocalDateTime now = LocalDateTime.now(BERLIN).truncatedTo(ChronoUnit.SECONDS);
    JsonNode freeze = window("/api/blackouts", map("title", "Short freeze", "start", now.minusMinutes(1).toString(),
        "end", now.plusSeconds(8).toString(), "timeZone", "Europe/Berlin", "service", "catalog-service",
        "environment", "staging", "reason", "Resume test"));
    Instant freezeOver = Instant.parse(freeze.path("lastEnd").asText());
    Map<String, Object> request = Changes.standard("Toggle during a freeze");
    request.put("service", "catalog-service");
    request.put("environment", "staging");

    JsonNode submitted = afterCalendarCheck(submit("requester", request));

    assertThat(submitted.path("type").asText()).isEqualTo("STANDARD");
    assertThat(submitted.path("status").asText()).as("not scheduled while frozen").isEqualTo("APPROVED");
    assertThat(submitted.path("deployments")).isEmpty();
    JsonNode blocked = event(submitted, AuditAction.CALENDAR_BLOCKED.name());
    assertThat(blocked.path("details").path("nextFreeSlot").asText()).isEqualTo(freezeOver.toString());
    assertThat(blocked.path("details").path("conflicts").get(0).path("type").asText()).isEqualTo("BLACKOUT");
    assertThat(submitted.path("conflicts").get(0).path("windowId").asText()).isEqualTo(freeze.path("id").asText());

    JsonNode done = awaitStatus(submitted.path("id").asText(), "COMPLETED", Duration.ofSeconds(40));

    assertThat(events(done)).containsSubsequence("SUBMITTED", "CLASSIFIED", AuditAction.CALENDAR_BLOCKED.name(),
        AuditAction.RESUMED.name(), "SCHEDULED", "DEPLOYING", "DEPLOYED", "VALIDATING", "VALIDATED", "COMPLETED");
    assertThat(Instant.parse(event(done, AuditAction.RESUMED.name()).path("time").asText())).isAfterOrEqualTo(freezeOver);
    assertThat(Instant.parse(done.path("deployments").get(0).path("deployedAt").asText()))
        .as("deployed after the freeze").isAfterOrEqualTo(freezeOver);
    assertThat(done.path("conflicts")).as("a finished change has none").isEmpty();
  }

  @Test
  void aDeploymentThatWouldStillRunWhenAFreezeStartsDoesNotStart() {
    // the freeze starts in 20 minutes; a standard change holds its slot for an hour (default duration)
    LocalDateTime now = LocalDateTime.now(BERLIN).truncatedTo(ChronoUnit.MINUTES);
    JsonNode freeze = window("/api/blackouts", map("title", "Evening freeze", "start", now.plusMinutes(20).toString(),
        "end", now.plusMinutes(80).toString(), "timeZone", "Europe/Berlin", "service", "catalog-service",
        "environment", "staging", "reason", "Release train"));
    Map<String, Object> request = Changes.standard("Toggle just before a freeze");
    request.put("service", "catalog-service");

    JsonNode submitted = afterCalendarCheck(submit("requester", request));

    assertThat(submitted.path("status").asText()).isEqualTo("APPROVED");
    assertThat(event(submitted, AuditAction.CALENDAR_BLOCKED.name()).path("details").path("nextFreeSlot").asText())
        .isEqualTo(freeze.path("lastEnd").asText());
    JsonNode later = Http.as(port, "auditor").get("/api/changes/" + submitted.path("id").asText()).json();
    assertThat(later.path("status").asText()).isEqualTo("APPROVED");
    assertThat(later.path("deployments")).isEmpty();
  }

  @Test
  void aNormalChangePlannedInsideAFreezeGivesTheRequesterARescheduleTaskWithTheNextFreeSlot() {
    String service = "cal-sched-" + suffix;
    // 22:00 EST to 06:00 EDT across the spring-forward night: 03:00Z to 10:00Z
    JsonNode freeze = window("/api/blackouts", map("title", "Spring freeze", "start", "2027-03-13T22:00",
        "end", "2027-03-14T06:00", "timeZone", "America/New_York", "service", service, "environment", "staging",
        "reason", "Quarter close"));
    Map<String, Object> request = Changes.normal("Planned inside the freeze");
    request.put("service", service);
    request.put("environment", "staging");
    request.put("plannedStart", "2027-03-14T08:00:00Z"); // 04:00 EDT: inside
    request.put("plannedEnd", "2027-03-14T09:00:00Z");

    JsonNode submitted = submit("requester", request);
    String id = submitted.path("id").asText();

    // reviewers see the conflict before deciding, in the API and on the forms
    JsonNode conflict = submitted.path("conflicts").get(0);
    assertThat(conflict.path("type").asText()).isEqualTo("BLACKOUT");
    assertThat(conflict.path("blocking").asBoolean()).isTrue();
    assertThat(conflict.path("windowId").asText()).isEqualTo(freeze.path("id").asText());
    assertThat(conflict.path("end").asText()).isEqualTo("2027-03-14T10:00:00Z");
    Reviews reviews = new Reviews(port, taskService);
    Http requester = Http.as(port, "requester");
    String fmeaTask = reviews.awaitTask(id, Reviews.FILL_FMEA).getId();
    assertThat(requester.get("/engine-rest/task/" + fmeaTask + "/variables/calendarConflicts").json().path("value")
        .asText()).startsWith("BLOCKS: Blackout " + freeze.path("id").asText());

    // a LOW-risk staging change: the FMEA assessment and the sign-off of staging's owner group (operations)
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    reviews.signOffAll(id);

    JsonNode pick = Await.until(Duration.ofSeconds(20),
        () -> requester.get("/engine-rest/task?processInstanceBusinessKey=" + id
            + "&taskDefinitionKey=Task_PickNewSlot&candidateUser=requester").json(),
        tasks -> tasks.size() == 1, "the requester's reschedule task").get(0);
    String pickTask = pick.path("id").asText();
    assertThat(pick.path("name").asText()).isEqualTo("Pick a new slot");
    assertThat(requester.get("/engine-rest/task/" + pickTask + "/form-variables").json().path("newPlannedStart")
        .path("value").asText()).as("the next free slot: the freeze's end").isEqualTo("2027-03-14T10:00:00Z");
    JsonNode blocked = Http.as(port, "auditor").get("/api/changes/" + id).json();
    assertThat(blocked.path("status").asText()).isEqualTo("APPROVED");
    assertThat(event(blocked, AuditAction.CALENDAR_BLOCKED.name()).path("details").path("nextFreeSlot").asText())
        .isEqualTo("2027-03-14T10:00:00Z");

    // the requester moves it to a slot a few seconds ahead: it waits for that, is checked again, deploys
    Instant newStart = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
    Http.Response completed = requester.post("/engine-rest/task/" + pickTask + "/complete", map("variables", map(
        "newPlannedStart", map("value", newStart.toString()),
        "newPlannedEnd", map("value", newStart.plus(30, ChronoUnit.MINUTES).toString()))));
    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);

    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(40));
    assertThat(done.path("plannedStart").asText()).isEqualTo(newStart.toString());
    assertThat(events(done)).containsSubsequence("DECISION", "APPROVED", AuditAction.CALENDAR_BLOCKED.name(), "RESCHEDULED",
        "SCHEDULED", AuditAction.CALENDAR_CLEAR.name(), "DEPLOYING", "COMPLETED");
    assertThat(events(done)).as("moved, not resumed").doesNotContain(AuditAction.RESUMED.name());
    assertThat(event(done, "RESCHEDULED").path("actor").asText()).isEqualTo("requester");
    assertThat(Instant.parse(done.path("deployments").get(0).path("deployedAt").asText())).isAfterOrEqualTo(newStart);
  }

  @Test
  void aNewSlotThatIsNotValidIsRefusedOverTheEngineApi() {
    String service = "cal-refuse-" + suffix;
    window("/api/blackouts", map("title", "Freeze", "start", "2031-01-01T00:00", "end", "2031-01-02T00:00",
        "timeZone", "UTC", "service", service, "reason", "Test"));
    Map<String, Object> request = Changes.normal("Planned inside a freeze");
    request.put("service", service);
    request.put("plannedStart", "2031-01-01T10:00:00Z");
    String id = submit("requester", request).path("id").asText();
    Reviews reviews = new Reviews(port, taskService);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    reviews.signOffAll(id);
    Http requester = Http.as(port, "requester");
    String pickTask = Await.until(Duration.ofSeconds(20), () -> requester.get("/engine-rest/task?processInstanceBusinessKey="
        + id + "&taskDefinitionKey=Task_PickNewSlot").json(), tasks -> tasks.size() == 1, "the reschedule task")
        .get(0).path("id").asText();

    Http.Response refused = requester.post("/engine-rest/task/" + pickTask + "/complete", map("variables", map(
        "newPlannedStart", map("value", "2031-01-03T10:00:00Z"), "newPlannedEnd", map("value", "2031-01-03T09:00:00Z"))));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("type").asText()).isEqualTo("GovernanceRefusal");
    assertThat(refused.body()).contains("'newPlannedEnd' must be after 'newPlannedStart'");
    assertThat(requester.get("/engine-rest/task/" + pickTask).status()).as("still open").isEqualTo(200);
    assertThat(Http.as(port, "developer-who-is-not-there", "x").get("/engine-rest/task/" + pickTask).status())
        .isEqualTo(401);
  }

  @Test
  void dependenciesMaintenanceBlocksAndOverlapsAndHighRiskOutsideMaintenanceAreShown() {
    String service = "cal-pay-" + suffix;
    String vendor = "cal-vendor-" + suffix;
    assertThat(CalendarApiTest.put(Http.as(port, "ops-engineer"), "/api/services/" + service + "/dependencies",
        map("dependsOn", List.of(vendor))).status()).isEqualTo(200);
    JsonNode vendorMaintenance = window("/api/maintenance-windows", map("title", "Vendor upgrade", "start",
        "2031-05-10T01:00", "end", "2031-05-10T05:00", "timeZone", "UTC", "service", vendor,
        "environment", "production", "reason", "API v3 migration"));
    window("/api/maintenance-windows", map("title", "Own window", "start", "2031-05-10T01:00", "end",
        "2031-05-10T05:00", "timeZone", "UTC", "service", service, "reason", "Our own maintenance"));

    // inside the vendor's maintenance: blocked, though inside its own maintenance window
    Map<String, Object> first = Changes.normal("During the vendor upgrade");
    first.put("service", service);
    first.put("plannedStart", "2031-05-10T02:00:00Z");
    first.put("plannedEnd", "2031-05-10T03:00:00Z");
    JsonNode a = submit("requester", first);
    assertThat(a.path("conflicts")).hasSize(1);
    assertThat(a.path("conflicts").get(0).path("type").asText()).isEqualTo("DEPENDENCY_MAINTENANCE");
    assertThat(a.path("conflicts").get(0).path("blocking").asBoolean()).isTrue();
    assertThat(a.path("conflicts").get(0).path("windowId").asText()).isEqualTo(vendorMaintenance.path("id").asText());
    assertThat(a.path("conflicts").get(0).path("summary").asText()).contains(vendor).contains("depends on");

    // the same slot in staging is not affected (the vendor's window is for production)
    Map<String, Object> staging = Changes.normal("Staging is not affected");
    staging.put("service", service);
    staging.put("environment", "staging");
    staging.put("plannedStart", "2031-05-10T02:00:00Z");
    assertThat(submit("requester", staging).path("conflicts")).isEmpty();

    // a second change overlapping the first on the same service and environment: shown, not blocking
    Map<String, Object> second = Changes.normal("Overlapping the first");
    second.put("service", service);
    second.put("plannedStart", "2031-05-10T02:30:00Z");
    second.put("plannedEnd", "2031-05-10T03:30:00Z");
    JsonNode b = submit("requester", second);
    assertThat(b.path("conflicts").findValuesAsText("type")).containsExactly("DEPENDENCY_MAINTENANCE",
        "CHANGE_OVERLAP");
    JsonNode overlap = b.path("conflicts").get(1);
    assertThat(overlap.path("changeId").asText()).isEqualTo(a.path("id").asText());
    assertThat(overlap.path("blocking").asBoolean()).isFalse();

    // a HIGH-risk production change outside every maintenance window of its service
    Map<String, Object> risky = Changes.normal("Risky schema change");
    risky.put("service", service);
    risky.put("impact", "HIGH");
    risky.put("plannedStart", "2031-06-01T10:00:00Z");
    JsonNode c = submit("requester", risky);
    assertThat(c.path("conflicts").findValuesAsText("type")).containsExactly("OUTSIDE_MAINTENANCE_WINDOW");
    assertThat(c.path("conflicts").get(0).path("blocking").asBoolean()).isFalse();
    Http requester = Http.as(port, "requester");
    String fmeaTask = new Reviews(port, taskService).awaitTask(c.path("id").asText(), Reviews.FILL_FMEA).getId();
    assertThat(requester.get("/engine-rest/task/" + fmeaTask + "/variables/calendarConflicts").json().path("value")
        .asText())
        .startsWith("Note: HIGH-risk change to production outside every maintenance window of " + service);

    // once a maintenance window covers its slot, that conflict is gone
    window("/api/maintenance-windows", map("title", "Monthly window", "start", "2031-06-01T09:00", "end",
        "2031-06-01T12:00", "timeZone", "UTC", "service", service, "environment", "production",
        "reason", "Agreed with the business"));
    assertThat(Http.as(port, "auditor").get("/api/changes/" + c.path("id").asText()).json().path("conflicts"))
        .isEmpty();
  }

  private JsonNode window(String collection, Map<String, Object> body) {
    Http.Response created = Http.as(port, "cab-chair").post(collection, body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    windows.add(created.header("Location"));
    return created.json();
  }

  private JsonNode submit(String user, Map<String, Object> request) {
    Http.Response created = Http.as(port, user).post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    changes.add(created.json().path("id").asText());
    return created.json();
  }

  /** The change once its calendar check, which runs right after the intake's answer, is on its timeline. */
  private JsonNode afterCalendarCheck(JsonNode created) {
    String id = created.path("id").asText();
    return Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> events(c).stream().anyMatch(e -> e.startsWith("CALENDAR_") || e.equals("SCHEDULED")),
        id + " to have its calendar checked");
  }

  private JsonNode awaitStatus(String id, String status, Duration timeout) {
    JsonNode change = Await.until(timeout, () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches(status + "|FAILED|REJECTED|CANCELLED"), id + " to reach " + status);
    assertThat(change.path("status").asText()).as(change.toString()).isEqualTo(status);
    return change;
  }

  private static JsonNode event(JsonNode change, String name) {
    for (JsonNode e : change.path("timeline")) {
      if (name.equals(e.path("event").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + name + " on the timeline of " + change.path("id").asText() + ": "
        + events(change));
  }
}
