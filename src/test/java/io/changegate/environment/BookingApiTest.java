package io.changegate.environment;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.change.Target;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bookings of non-production environments over real HTTP (demo profile, shared context): production refused, the
 * criticality backed by the change, contention giving the owner group one Tasklist task with the proposed order
 * (emergency, HIGH risk, the rest; team quotas), the owner's decision through {@code /engine-rest} (nobody else's),
 * cancelling, the utilization report, and the idle clean-up proposing a decommission once.
 */
@ChangegateIntegrationTest
class BookingApiTest {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Instant FROM = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  @Autowired ChangeRepository changes;
  @Autowired TransactionTemplate transactions;
  @Autowired Decommissions decommissions;

  private Http as(String user) {
    return Http.as(port, user);
  }

  /** A TEST environment owned by operations with this capacity (created by the administrator). */
  private String environment(String prefix, int capacity) {
    String name = prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000;
    create(name, capacity);
    return name;
  }

  private void create(String name, int capacity) {
    Http.Response created = as("admin").post("/api/environments", map("name", name, "kind", "TEST", "ownerGroup",
        "operations", "allowedAdapters", List.of("sandbox"), "dataClassification", "INTERNAL", "capacity", capacity));
    assertThat(created.status()).as(created.toString()).isIn(201, 409);
  }

  private Http.Response book(String user, String environment, String team, int fromHour, int toHour,
      Object... more) {
    Map<String, Object> body = map("team", team, "start", FROM.plus(Duration.ofHours(fromHour)).toString(), "end",
        FROM.plus(Duration.ofHours(toHour)).toString(), "release", "2026.12-" + team);
    for (int i = 0; i < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return as(user).post("/api/environments/" + environment + "/bookings", body);
  }

  private String booked(String user, String environment, String team, int fromHour, int toHour, Object... more) {
    Http.Response response = book(user, environment, team, fromHour, toHour, more);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.header("Location")).endsWith("/bookings/" + response.json().path("id").asText());
    return response.json().path("id").asText();
  }

  private JsonNode booking(String environment, String id) {
    return as("auditor").get("/api/environments/" + environment + "/bookings/" + id).json();
  }

  private String state(String environment, String id) {
    return booking(environment, id).path("state").asText();
  }

  private Task ownerTask(String contentionId, String step) {
    return tasks.createTaskQuery().processInstanceBusinessKey(contentionId).taskDefinitionKey(step).singleResult();
  }

  private long audited(String action, String text) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE action = ? AND details LIKE ?")
        .params(action, "%" + text + "%").query(Long.class).single();
  }

  private Http.Response complete(String user, Task task, Map<String, Object> variables) {
    Map<String, Object> typed = new java.util.LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
    return as(user).post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed));
  }

  /** A change to the environment, stored as the intake left it (its FMEA risk level and emergency flag). */
  private String change(String environment, boolean emergency, Level risk) {
    Instant now = Instant.now();
    Change change = new Change(changes.nextId(), "Booked release", null, "payments-api", environment,
        new Artifact("payments-api", "1.0.0", Changes.newDigest()), Level.LOW, Level.LOW, false, false, null,
        emergency, emergency ? "outage" : null, null, null, List.of(new Target("sandbox", "t")), null, null, false,
        "requester", ChangeStatus.APPROVED, emergency ? ChangeType.EMERGENCY : ChangeType.NORMAL, null, risk, now,
        now);
    transactions.executeWithoutResult(s -> changes.insert(change));
    return change.id();
  }

  private static List<String> fields(Http.Response response) {
    List<String> fields = new ArrayList<>();
    response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  @Test
  void productionIsNotBookedAndEveryInvalidFieldIsReportedWithNothingStored() {
    long before = jdbc.sql("SELECT COUNT(*) FROM changegate_booking").query(Long.class).single();

    Http.Response production = book("requester", "production", "payments", 0, 4);
    assertThat(production.status()).as(production.toString()).isEqualTo(400);
    assertThat(production.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(production)).containsExactly("environment");

    String qa = environment("booking-invalid", 2);
    Http.Response invalid = as("requester").post("/api/environments/" + qa + "/bookings", map("team", "Payments!",
        "start", FROM.plus(Duration.ofHours(4)).toString(), "end", FROM.toString(), "criticality", "EMERGENCY"));
    assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
    assertThat(fields(invalid)).contains("team", "end", "release", "criticality");

    String normal = change(qa, false, Level.LOW);
    Http.Response unbacked = book("requester", qa, "payments", 0, 4, "changeId", normal, "criticality", "HIGH");
    assertThat(unbacked.status()).as(unbacked.toString()).isEqualTo(400);
    assertThat(unbacked.body()).contains("HIGH risk");
    Http.Response elsewhere = book("requester", qa, "payments", 0, 4, "changeId", change("booking-elsewhere", true, null),
        "criticality", "EMERGENCY");
    assertThat(fields(elsewhere)).containsExactly("changeId");

    assertThat(as("requester").post("/api/environments/nowhere/bookings", map("team", "x")).status()).isEqualTo(404);
    assertThat(book("auditor", qa, "payments", 0, 4).status()).as("auditors read only").isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_booking").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void contendingBookingsGiveTheOwnerOneTaskWithEmergencyThenHighThenTheRestAndOnlyTheOwnerDecides() {
    String env = environment("booking-order", 1);
    String first = booked("requester", env, "web", 0, 4);
    assertThat(state(env, first)).isEqualTo("CONFIRMED");
    String later = booked("requester", env, "web", 4, 8);
    assertThat(state(env, later)).as("back to back: ranges are half-open").isEqualTo("CONFIRMED");
    assertThat(audited("ENVIRONMENT_BOOKED", first)).isEqualTo(1);

    String high = booked("reviewer", env, "payments", 1, 3, "changeId", change(env, false, Level.HIGH),
        "criticality", "HIGH");
    String emergencyChange = change(env, true, Level.LOW);
    String emergency = booked("ops-engineer", env, "sre", 2, 3, "changeId", emergencyChange,
        "criticality", "EMERGENCY");

    JsonNode contended = booking(env, emergency);
    assertThat(contended.path("state").asText()).isEqualTo("CONTENDED");
    String contention = contended.path("contentionId").asText();
    assertThat(state(env, first)).isEqualTo("CONTENDED");
    assertThat(state(env, high)).isEqualTo("CONTENDED");
    assertThat(state(env, later)).as("does not overlap the contended ones").isEqualTo("CONFIRMED");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(contention).count()).as("one task").isEqualTo(1);
    Task task = ownerTask(contention, "Task_DecideBookingOrder");
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anyMatch(l -> "operations".equals(l.getGroupId()));
    String proposed = (String) tasks.getVariable(task.getId(), "proposedOrder");
    assertThat(proposed.indexOf(emergency)).isLessThan(proposed.indexOf(high));
    assertThat(proposed.indexOf(high)).isLessThan(proposed.indexOf(first));
    assertThat(audited("ENVIRONMENT_BOOKING_CONTENDED", contention)).isEqualTo(2);

    // not the owner: a developer may not work the process at all, the CAB works its tasks but this one is not theirs
    Http.Response developer = complete("requester", task, Map.of("decision", "APPROVE"));
    assertThat(developer.status()).as(developer.toString()).isBetween(400, 499);
    Http.Response cab = complete("cab-chair", task, Map.of("decision", "APPROVE"));
    assertThat(cab.status()).as(cab.toString()).isBetween(400, 499);
    assertThat(cab.body()).contains("not for cab-chair");
    Http.Response forged = complete("ops-engineer", task, Map.of("decision", "APPROVE", "ownerGroup", "cab"));
    assertThat(forged.status()).as("only the form's inputs").isBetween(400, 499);
    Http.Response unknown = complete("ops-engineer", task, Map.of("decision", "MAYBE"));
    assertThat(unknown.status()).as(unknown.toString()).isBetween(400, 499);
    assertThat(state(env, emergency)).isEqualTo("CONTENDED");

    Http.Response approved = complete("ops-lead", task, Map.of("decision", "APPROVE"));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(204);

    JsonNode granted = booking(env, emergency);
    assertThat(granted.path("state").asText()).isEqualTo("CONFIRMED");
    assertThat(granted.path("position").asInt()).isEqualTo(1);
    assertThat(granted.path("decidedBy").asText()).isEqualTo("ops-lead");
    assertThat(booking(env, high).path("position").asInt()).isEqualTo(2);
    assertThat(state(env, high)).as("beyond the capacity of 1").isEqualTo("DISPLACED");
    assertThat(booking(env, first).path("position").asInt()).isEqualTo(3);
    assertThat(state(env, first)).isEqualTo("DISPLACED");
    assertThat(audited("ENVIRONMENT_BOOKINGS_DECIDED", contention)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT actor FROM changegate_audit WHERE action = 'ENVIRONMENT_BOOKINGS_DECIDED'"
        + " AND details LIKE ?").param("%" + contention + "%").query(String.class).single()).isEqualTo("ops-lead");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(contention).count()).isZero();

    JsonNode list = as("requester").get("/api/environments/" + env + "/bookings").json();
    assertThat(list.findValuesAsText("id")).containsExactly(first, high, emergency, later);
  }

  @Test
  void aTeamBeyondItsQuotaRanksAfterTeamsWithinItAndTheOwnerRejectsOneBookingWithAComment() {
    // changegate.environments.booking.team-quotas: {booking-quota: 1} (application-test.yaml)
    String env = "booking-quota";
    create(env, 1);
    int offset = 200 + NAMES.incrementAndGet() * 10;
    String a1 = booked("requester", env, "team-a", offset, offset + 2);
    String a2 = booked("requester", env, "team-a", offset, offset + 2);
    String b1 = booked("reviewer", env, "team-b", offset + 1, offset + 3);
    String contention = booking(env, b1).path("contentionId").asText();
    assertThat(booking(env, a1).path("contentionId").asText()).isEqualTo(contention);
    Task task = ownerTask(contention, "Task_DecideBookingOrder");
    String proposed = (String) tasks.getVariable(task.getId(), "proposedOrder");
    assertThat(proposed.indexOf(a1)).isLessThan(proposed.indexOf(b1));
    assertThat(proposed.indexOf(b1)).as("team-a's second booking is beyond its quota of 1")
        .isLessThan(proposed.indexOf(a2));
    assertThat(proposed).contains("team team-a beyond its quota");

    Http.Response noComment = complete("ops-engineer", task, Map.of("decision", "REJECT", "rejectBooking", a1));
    assertThat(noComment.status()).as(noComment.toString()).isBetween(400, 499);
    Http.Response notInIt = complete("ops-engineer", task, Map.of("decision", "REJECT", "rejectBooking", "BKG-0",
        "comment", "no"));
    assertThat(notInIt.status()).as(notInIt.toString()).isBetween(400, 499);
    Http.Response tooLong = complete("ops-engineer", task, Map.of("decision", "REJECT", "rejectBooking", a1,
        "comment", "w".repeat(2001)));
    assertThat(tooLong.status()).as("the engine keeps 4,000 characters, the booking's reason 2,000: " + tooLong)
        .isEqualTo(400);
    assertThat(tooLong.body()).contains("2000");
    assertThat(state(env, a1)).isNotEqualTo("REJECTED");

    Http.Response rejected = complete("ops-engineer", task, Map.of("decision", "REJECT", "rejectBooking", a1,
        "comment", "team-a has the environment the week before"));
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);
    JsonNode rejectedBooking = booking(env, a1);
    assertThat(rejectedBooking.path("state").asText()).isEqualTo("REJECTED");
    assertThat(rejectedBooking.path("reason").asText()).contains("the week before");
    assertThat(state(env, a2)).as("within quota once a1 is gone, and requested first").isEqualTo("CONFIRMED");
    assertThat(state(env, b1)).isEqualTo("DISPLACED");
    assertThat(audited("ENVIRONMENT_BOOKINGS_DECIDED", a1)).isEqualTo(1);
  }

  @Test
  void theRequesterTheOwnerOrOperationsCancelOthersMayNot() {
    String env = environment("booking-cancel", 2);
    String id = booked("requester", env, "web", 0, 4);

    Http.Response other = as("reviewer").post("/api/environments/" + env + "/bookings/" + id + "/cancel", "{}");
    assertThat(other.status()).as(other.toString()).isEqualTo(403);
    Http.Response cancelled = as("requester").post("/api/environments/" + env + "/bookings/" + id + "/cancel", "{}");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().path("state").asText()).isEqualTo("CANCELLED");
    Http.Response again = as("requester").post("/api/environments/" + env + "/bookings/" + id + "/cancel", "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(audited("ENVIRONMENT_BOOKING_CANCELLED", id)).isEqualTo(1);
  }

  @Test
  void theUtilizationReportShowsBookingsAndSlotsOfEveryEnvironment() {
    String env = environment("booking-report", 3);
    booked("requester", env, "web", 0, 4);

    Http.Response report = as("auditor").get("/api/environments/utilization");
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode r : report.json()) {
      if (env.equals(r.path("environment").asText())) {
        row = r;
      }
    }
    assertThat(row).as("the report lists " + env).isNotNull();
    assertThat(row.path("bookingsUpcoming").asLong()).isEqualTo(1);
    assertThat(row.path("slots").path("limit").asInt()).as("the catalog's capacity").isEqualTo(3);
    assertThat(row.path("slots").path("inUse").asInt()).isZero();
    assertThat(row.path("idle").asBoolean()).isFalse();
    assertThat(report.json().findValuesAsText("environment")).contains("staging", "production", "qa", "dev");
  }

  @Test
  void anIdleEnvironmentGivesItsOwnerOneDecommissionTaskOnlyTheOwnerDecides() {
    String env = environment("booking-idle", 2);
    jdbc.sql("UPDATE changegate_environment SET created_at = ? WHERE name = ?")
        .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(45), env).update();

    List<String> first = decommissions.proposeForIdle();
    List<String> second = decommissions.proposeForIdle();

    List<String> proposals = jdbc.sql("SELECT id FROM changegate_decommission_proposal WHERE environment = ?")
        .param(env).query(String.class).list();
    assertThat(proposals).hasSize(1);
    String proposal = proposals.get(0);
    assertThat(first).contains(proposal);
    assertThat(second).as("proposed once, not again").doesNotContain(proposal);
    assertThat(audited("ENVIRONMENT_DECOMMISSION_PROPOSED", proposal)).isEqualTo(1);
    JsonNode use = as("auditor").get("/api/environments/" + env + "/utilization").json();
    assertThat(use.path("idle").asBoolean()).isTrue();
    assertThat(use.path("idleDays").asLong()).isGreaterThanOrEqualTo(45);
    assertThat(use.path("decommission").path("state").asText()).isEqualTo("PROPOSED");
    assertThat(use.path("proposal").asText()).contains(proposal);

    Task task = ownerTask(proposal, "Task_DecideDecommission");
    assertThat(task).isNotNull();
    Http.Response notOwner = complete("cab-chair", task, Map.of("decision", "APPROVE"));
    assertThat(notOwner.status()).as(notOwner.toString()).isBetween(400, 499);
    Http.Response keepWithoutWhy = complete("ops-engineer", task, Map.of("decision", "REJECT"));
    assertThat(keepWithoutWhy.status()).as(keepWithoutWhy.toString()).isBetween(400, 499);
    Http.Response tooLong = complete("ops-engineer", task, Map.of("decision", "REJECT", "comment", "w".repeat(2001)));
    assertThat(tooLong.status()).as("the engine keeps 4,000 characters, the decision 2,000: " + tooLong)
        .isEqualTo(400);
    assertThat(tooLong.body()).contains("2000");
    Http.Response kept = complete("ops-engineer", task, Map.of("decision", "REJECT",
        "comment", "the load tests of January need it"));
    assertThat(kept.status()).as(kept.toString()).isEqualTo(204);

    assertThat(as("auditor").get("/api/environments/" + env + "/utilization").json().path("decommission")
        .path("state").asText()).isEqualTo("KEEP");
    assertThat(audited("ENVIRONMENT_DECOMMISSION_DECIDED", proposal)).isEqualTo(1);
    decommissions.proposeForIdle();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_decommission_proposal WHERE environment = ?").param(env)
        .query(Long.class).single()).as("kept: not asked again for the same idle period").isEqualTo(1);
    assertThat(decommissions.proposeForIdle()).as("production is never proposed").noneMatch(id ->
        jdbc.sql("SELECT environment FROM changegate_decommission_proposal WHERE id = ?").param(id)
            .query(String.class).single().equals("production"));
  }
}
