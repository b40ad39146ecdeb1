package io.changegate.calendar;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link CalendarPort} on the real database, at chosen instants: a change's slot against windows across
 * daylight-saving changes, what blocks it, and where the next free slot is.
 */
@ChangegateIntegrationTest
class CalendarPortTest {

  @LocalServerPort int port;
  @Autowired CalendarPort calendar;

  private final String service = "cal-port-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> windows = new ArrayList<>();
  private final List<String> changes = new ArrayList<>();
  private String changeId;

  @BeforeEach
  void aChangeOnItsOwnService() {
    changeId = change(Map.of());
  }

  @AfterEach
  void cleanUp() {
    Http admin = Http.as(port, "admin");
    changes.forEach(id -> admin.post("/api/changes/" + id + "/cancel", map("reason", "test over")));
    windows.forEach(w -> admin.send(admin.request(w).DELETE()));
  }

  private String change(Map<String, Object> with) {
    Map<String, Object> request = Changes.normal("Calendar port " + service);
    request.put("service", service);
    request.putAll(with);
    Http.Response created = Http.as(port, "requester").post("/api/changes", request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    changes.add(id);
    return id;
  }

  private String blackout(String start, String end, String zone, String rule) {
    Map<String, Object> body = map("title", "Freeze", "start", start, "end", end, "timeZone", zone,
        "service", service, "reason", "Test freeze");
    if (rule != null) {
      body.put("recurrence", rule);
    }
    Http.Response created = Http.as(port, "cab-chair").post("/api/blackouts", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    windows.add(created.header("Location"));
    return created.json().path("id").asText();
  }

  private CalendarVerdict at(String instant) {
    return calendar.check(changeId, service, "production", Instant.parse(instant));
  }

  @Test
  void aWeeklyBerlinFreezeBlocksMondayMorningAfterTheOctoberChangeButNotBefore() {
    String weekly = blackout("2026-10-02T18:00", "2026-10-05T06:00", "Europe/Berlin", "FREQ=WEEKLY;BYDAY=FR");

    // Monday 26 October 05:30 CET: still frozen, free from 06:00 CET (05:00Z)
    CalendarVerdict after = at("2026-10-26T04:30:00Z");
    assertThat(after.clear()).isFalse();
    assertThat(after.blocking()).extracting(CalendarConflict::windowId).containsExactly(weekly);
    assertThat(after.blockedUntil()).isEqualTo("2026-10-26T05:00:00Z");
    assertThat(after.reason()).contains(weekly).contains("2026-10-26 06:00 (+01:00)").contains("Test freeze");
    // Monday 19 October 06:30 CEST: the freeze ended at 06:00 CEST (04:00Z)
    assertThat(at("2026-10-19T04:30:00Z").clear()).isTrue();
    // Friday 23 October 17:30 CEST with an hour's work: it would still run at 18:00, so it does not start
    CalendarVerdict friday = at("2026-10-23T15:30:00Z");
    assertThat(friday.clear()).isFalse();
    assertThat(friday.suggestion().start()).isEqualTo("2026-10-26T05:00:00Z");
  }

  @Test
  void aNewYorkFreezeAcrossTheMarchChangeEndsAtSixLocalTime() {
    String freeze = blackout("2027-03-13T22:00", "2027-03-14T06:00", "America/New_York", null);

    assertThat(at("2027-03-14T09:30:00Z").blockedUntil()).isEqualTo("2027-03-14T10:00:00Z");
    assertThat(at("2027-03-14T10:00:00Z").clear()).isTrue();
    // an hour's work from 02:30Z (21:30 EST) would run into 22:00 EST
    assertThat(at("2027-03-14T02:30:00Z").blocking()).extracting(CalendarConflict::windowId).containsExactly(freeze);
    assertThat(at("2027-03-14T01:59:00Z").clear()).isTrue();
  }

  @Test
  void theNextFreeSlotSkipsBackToBackWindowsAndOtherChanges() {
    blackout("2031-03-03T08:00", "2031-03-03T10:00", "UTC", null);
    blackout("2031-03-03T10:00", "2031-03-03T11:30", "UTC", null);
    // another change holds 11:30-12:15 on the same service and environment
    change(Map.of("plannedStart", "2031-03-03T11:30:00Z", "plannedEnd", "2031-03-03T12:15:00Z"));

    CalendarVerdict verdict = at("2031-03-03T09:00:00Z");

    assertThat(verdict.clear()).isFalse();
    assertThat(verdict.suggestion().start()).isEqualTo("2031-03-03T12:15:00Z");
    assertThat(verdict.suggestion().end()).isEqualTo("2031-03-03T13:15:00Z");
    // the slot at the suggestion is clear indeed
    assertThat(at("2031-03-03T12:15:00Z").clear()).isTrue();
  }

  @Test
  void aWindowForEveryServiceInAnotherEnvironmentDoesNotBlock() {
    Http.Response staging = Http.as(port, "cab-chair").post("/api/blackouts", map("title", "Staging rebuild",
        "start", "2032-01-05T00:00", "end", "2032-01-06T00:00", "timeZone", "UTC", "environment", "staging",
        "reason", "Staging is rebuilt"));
    windows.add(staging.header("Location"));
    Http.Response everything = Http.as(port, "cab-chair").post("/api/blackouts", map("title", "Company freeze",
        "start", "2032-01-07T00:00", "end", "2032-01-08T00:00", "timeZone", "UTC", "reason", "Everything stops"));
    windows.add(everything.header("Location"));

    assertThat(at("2032-01-05T10:00:00Z").clear()).as("staging only").isTrue();
    assertThat(calendar.check(changeId, service, "staging", Instant.parse("2032-01-05T10:00:00Z")).clear()).isFalse();
    assertThat(at("2032-01-07T10:00:00Z").blocking()).extracting(CalendarConflict::windowId)
        .containsExactly(everything.json().path("id").asText());
  }
}
