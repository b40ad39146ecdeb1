package io.changegate.calendar;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calendar API over real HTTP: windows ({@code /api/blackouts}, {@code /api/maintenance-windows}) with
 * their permissions and their 400s, service dependencies, and the feeds ({@code /api/calendar},
 * {@code .ics} read back with iCal4j's parser, {@code .xlsx} read back with Apache POI), across the
 * daylight-saving changes of Europe/Berlin (2026-10-25) and America/New_York (2027-03-14).
 */
@ChangegateIntegrationTest
class CalendarApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final List<String> created = new ArrayList<>();
  /** A service of this test alone, so that other tests' windows and changes stay out of its calendar. */
  private final String service = "cal-api-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void removeWindows() {
    for (String path : created) {
      Http.as(port, "admin").send(Http.as(port, "admin").request(path).DELETE());
    }
  }

  private Http cab() {
    return Http.as(port, "cab-chair");
  }

  private JsonNode create(String collection, Map<String, Object> body) {
    Http.Response response = cab().post(collection, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    created.add(response.header("Location"));
    return response.json();
  }

  private Map<String, Object> blackout(String start, String end, String zone) {
    return map("title", "Freeze " + service, "start", start, "end", end, "timeZone", zone, "service", service,
        "environment", "production", "reason", "Peak trading: no changes");
  }

  @Test
  void theCabCreatesABlackoutEveryoneReadsItOperationsDeletesIt() {
    Http.Response response = cab().post("/api/blackouts", blackout("2027-12-18T17:00", "2028-01-04T06:00",
        "Europe/Berlin"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode body = response.json();
    String id = body.path("id").asText();
    assertThat(id).matches("BLK-\\d{6}");
    assertThat(response.header("Location")).isEqualTo("/api/blackouts/" + id);
    assertThat(body.path("kind").asText()).isEqualTo("BLACKOUT");
    assertThat(body.path("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(body.path("firstStart").asText()).isEqualTo("2027-12-18T16:00:00Z");
    assertThat(body.path("lastEnd").asText()).isEqualTo("2028-01-04T05:00:00Z");
    assertThat(body.path("createdBy").asText()).isEqualTo("cab-chair");
    assertThat(body.path("nextOccurrences").get(0).path("localStart").asText()).isEqualTo("2027-12-18T17:00:00+01:00");

    JsonNode read = Http.as(port, "auditor").get("/api/blackouts/" + id).json();
    assertThat(read.path("reason").asText()).isEqualTo("Peak trading: no changes");
    assertThat(Http.as(port, "requester").get("/api/blackouts").json()).extracting(n -> n.path("id").asText())
        .contains(id);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE action = 'BLACKOUT_CREATED' AND details LIKE ?")
        .param("%" + id + "%").query(Long.class).single()).isOne();

    Http ops = Http.as(port, "ops-engineer");
    assertThat(ops.send(ops.request("/api/blackouts/" + id).DELETE()).status()).isEqualTo(204);
    Http.Response gone = Http.as(port, "auditor").get("/api/blackouts/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE action = 'BLACKOUT_DELETED' AND details LIKE ?")
        .param("%" + id + "%").query(Long.class).single()).isOne();
  }

  @Test
  void maintenanceWindowsLiveUnderTheirOwnPathAndIds() {
    JsonNode window = create("/api/maintenance-windows", map("title", "Sunday maintenance", "start",
        "2027-01-03T02:00", "end", "2027-01-03T05:00", "timeZone", "America/New_York", "recurrence",
        "FREQ=WEEKLY;BYDAY=SU", "service", service, "reason", "Weekly patching"));

    String id = window.path("id").asText();
    assertThat(id).matches("MNT-\\d{6}");
    assertThat(window.path("recurrence").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=SU");
    assertThat(window.has("lastEnd")).as("repeats for ever").isFalse();
    assertThat(window.has("environment")).as("every environment").isFalse();
    assertThat(Http.as(port, "auditor").get("/api/maintenance-windows").json())
        .extracting(n -> n.path("id").asText()).contains(id);
    assertThat(Http.as(port, "auditor").get("/api/blackouts/" + id).status()).as("not a blackout").isEqualTo(404);
  }

  @Test
  void onlyTheCabOperationsAndAdministratorsWriteWindowsAndDependencies() {
    Map<String, Object> body = blackout("2027-06-01T00:00", "2027-06-02T00:00", "UTC");
    assertThat(Http.as(port, "requester").post("/api/blackouts", body).status()).isEqualTo(403);
    assertThat(Http.as(port, "auditor").post("/api/maintenance-windows", body).status()).isEqualTo(403);
    assertThat(Http.as(port, "process-owner").post("/api/blackouts", body).status()).isEqualTo(403);
    assertThat(Http.anonymous(port).post("/api/blackouts", body).status()).isEqualTo(401);
    assertThat(Http.anonymous(port).get("/api/calendar").status()).isEqualTo(401);

    JsonNode window = create("/api/blackouts", body);
    Http requester = Http.as(port, "requester");
    Http.Response refused = requester.send(requester.request("/api/blackouts/" + window.path("id").asText())
        .DELETE());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(Http.as(port, "auditor").get("/api/blackouts/" + window.path("id").asText()).status()).isEqualTo(200);

    assertThat(put(Http.as(port, "requester"), "/api/services/" + service + "/dependencies",
        map("dependsOn", List.of("stripe"))).status()).isEqualTo(403);
    Http.Response byAdmin = Http.as(port, "admin").post("/api/blackouts", body);
    assertThat(byAdmin.status()).isEqualTo(201);
    created.add(byAdmin.header("Location"));
  }

  static Stream<Arguments> badWindows() {
    return Stream.of(
        Arguments.of("end before start", map("start", "2027-01-10T10:00", "end", "2027-01-10T09:00"), "end"),
        Arguments.of("end equal to start", map("start", "2027-01-10T10:00", "end", "2027-01-10T10:00"), "end"),
        Arguments.of("unknown zone", map("timeZone", "Mars/Olympus_Mons"), "timeZone"),
        Arguments.of("an offset, not a zone", map("timeZone", "+02:00"), "timeZone"),
        Arguments.of("invalid rule", map("recurrence", "FREQ=SOMETIMES"), "recurrence"),
        Arguments.of("rule with an unknown part", map("recurrence", "FREQ=WEEKLY;BYDAY=XX"), "recurrence"),
        Arguments.of("hourly rule", map("recurrence", "FREQ=HOURLY"), "recurrence"),
        Arguments.of("start not an occurrence of the rule", map("recurrence", "FREQ=WEEKLY;BYDAY=MO"), "recurrence"),
        Arguments.of("start with an offset", map("start", "2027-01-10T10:00:00+01:00"), "start"),
        Arguments.of("start not a date", map("start", "next friday"), "start"),
        Arguments.of("unsafe service name", map("service", "x; rm -rf /"), "service"),
        Arguments.of("no title", map("title", " "), "title"),
        Arguments.of("no reason", map("reason", null), "reason"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badWindows")
  void badWindowsAreRefusedWithProblemJsonAndNothingIsStored(String what, Map<String, Object> change,
      String field) {
    // a valid Friday window, then one thing broken
    Map<String, Object> body = map("title", "Bad window", "start", "2027-01-08T18:00", "end", "2027-01-11T06:00",
        "timeZone", "Europe/Berlin", "recurrence", "FREQ=WEEKLY;BYDAY=FR", "service", service,
        "reason", "testing");
    body.putAll(change);
    long before = jdbc.sql("SELECT COUNT(*) FROM changegate_calendar_window").query(Long.class).single();

    for (String collection : List.of("/api/blackouts", "/api/maintenance-windows")) {
      Http.Response response = cab().post(collection, body);

      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      JsonNode problem = response.json();
      assertThat(problem.path("type").asText()).isEqualTo("https://changegate.io/problems/invalid-request");
      assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(field);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_calendar_window").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void unknownFieldsAndEveryErrorAtOnce() {
    Http.Response unknown = cab().post("/api/blackouts", map("title", "x", "colour", "red"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactly("colour");

    Http.Response all = cab().post("/api/blackouts", map("start", "2027-01-10T10:00", "end", "2027-01-10T09:00",
        "timeZone", "Nowhere/Special", "recurrence", "FREQ=NEVER"));
    assertThat(all.status()).isEqualTo(400);
    assertThat(all.json().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("end", "reason", "recurrence", "timeZone", "title");
  }

  @Test
  void theCalendarShowsABerlinFreezeAcrossTheOctoberChangeAndANewYorkOneAcrossMarch() {
    JsonNode berlin = create("/api/blackouts", blackout("2026-10-24T22:00", "2026-10-25T06:00", "Europe/Berlin"));
    JsonNode newYork = create("/api/blackouts", blackout("2027-03-13T22:00", "2027-03-14T06:00", "America/New_York"));

    JsonNode october = Http.as(port, "requester").get("/api/calendar?from=2026-10-20&to=2026-10-30&service="
        + service).json();
    JsonNode b = only(october.path("blackouts"), berlin.path("id").asText());
    assertThat(b.path("start").asText()).isEqualTo("2026-10-24T20:00:00Z");
    assertThat(b.path("end").asText()).isEqualTo("2026-10-25T05:00:00Z");
    assertThat(b.path("localStart").asText()).isEqualTo("2026-10-24T22:00:00+02:00");
    assertThat(b.path("localEnd").asText()).isEqualTo("2026-10-25T06:00:00+01:00");

    JsonNode march = Http.as(port, "requester").get("/api/calendar?from=2027-03-10T00:00:00Z&to=2027-03-20T00:00:00Z"
        + "&service=" + service).json();
    JsonNode n = only(march.path("blackouts"), newYork.path("id").asText());
    assertThat(n.path("start").asText()).isEqualTo("2027-03-14T03:00:00Z");
    assertThat(n.path("end").asText()).isEqualTo("2027-03-14T10:00:00Z");
    assertThat(n.path("localEnd").asText()).isEqualTo("2027-03-14T06:00:00-04:00");
    assertThat(march.path("blackouts").findValuesAsText("windowId")).doesNotContain(berlin.path("id").asText());
  }

  @Test
  void aRecurringWeeklyFreezeAppearsEveryWeekAtTheSameWallClockTimes() {
    JsonNode weekly = create("/api/blackouts", map("title", "Weekend freeze", "start", "2026-10-02T18:00",
        "end", "2026-10-05T06:00", "timeZone", "Europe/Berlin", "recurrence", "FREQ=WEEKLY;BYDAY=FR",
        "service", service, "reason", "No weekend changes"));

    JsonNode calendar = Http.as(port, "requester").get("/api/calendar?from=2026-10-15&to=2026-11-04&service="
        + service).json();

    List<JsonNode> weeks = new ArrayList<>();
    calendar.path("blackouts").forEach(o -> {
      if (o.path("windowId").asText().equals(weekly.path("id").asText())) {
        weeks.add(o);
      }
    });
    assertThat(weeks).extracting(o -> o.path("localStart").asText() + " " + o.path("localEnd").asText())
        .containsExactly(
            "2026-10-16T18:00:00+02:00 2026-10-19T06:00:00+02:00",
            "2026-10-23T18:00:00+02:00 2026-10-26T06:00:00+01:00",
            "2026-10-30T18:00:00+01:00 2026-11-02T06:00:00+01:00");
    assertThat(weeks).extracting(o -> o.path("end").asText())
        .containsExactly("2026-10-19T04:00:00Z", "2026-10-26T05:00:00Z", "2026-11-02T05:00:00Z");
  }

  @Test
  void theIcsFeedParsesWithIcal4jAndCarriesZonesRulesAndTheDstOverride() throws Exception {
    JsonNode weekly = create("/api/blackouts", map("title", "Weekend freeze", "start", "2026-10-02T18:00",
        "end", "2026-10-05T06:00", "timeZone", "Europe/Berlin", "recurrence", "FREQ=WEEKLY;BYDAY=FR",
        "service", service, "reason", "No weekend changes"));
    JsonNode newYork = create("/api/maintenance-windows", map("title", "Database patching", "start",
        "2027-03-13T22:00", "end", "2027-03-14T06:00", "timeZone", "America/New_York", "service", service,
        "reason", "Patch the primary"));
    Map<String, Object> planned = Changes.normal("Planned in the feed");
    planned.put("service", service);
    planned.put("plannedStart", "2027-03-20T10:00:00Z");
    planned.put("plannedEnd", "2027-03-20T11:30:00Z");
    String changeId = Http.as(port, "requester").post("/api/changes", planned).json().path("id").asText();

    Http.Response ics = Http.as(port, "auditor").get("/api/calendar.ics?from=2026-10-01&to=2027-04-01&service="
        + service);

    assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
    assertThat(ics.header("Content-Type")).startsWith("text/calendar");
    assertThat(ics.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("\r\nEND:VCALENDAR");
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
    calendar.validate();
    assertThat(calendar.getProperty(Property.VERSION).orElseThrow().getValue()).isEqualTo("2.0");
    assertThat(calendar.getProperty(Property.PRODID).orElseThrow().getValue()).contains("Changegate");
    assertThat(calendar.<net.fortuna.ical4j.model.component.CalendarComponent>getComponents(Component.VTIMEZONE).stream()
            .map(tz -> tz.getProperty(Property.TZID).orElseThrow().getValue()).toList())
        .contains("Europe/Berlin", "America/New_York");

    List<VEvent> weeklyEvents = events(calendar, weekly.path("id").asText());
    VEvent master = weeklyEvents.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
        .findFirst().orElseThrow();
    assertThat(master.getProperty(Property.RRULE).orElseThrow().getValue()).isEqualTo("FREQ=WEEKLY;BYDAY=FR");
    assertThat(master.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
        .isEqualTo("Europe/Berlin");
    assertThat(master.getSummary().getValue()).isEqualTo("Blackout: Weekend freeze");
    // iCal4j expands the published rule to the same Friday starts Changegate enforces
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Set<Period<Temporal>> fridays = master.calculateRecurrenceSet(new Period<>(
        ZonedDateTime.of(2026, 10, 15, 0, 0, 0, 0, berlin), ZonedDateTime.of(2026, 11, 4, 0, 0, 0, 0, berlin)));
    assertThat(fridays).extracting(p -> Instant.from(p.getStart()).toString()).containsExactlyInAnyOrder(
        "2026-10-16T16:00:00Z", "2026-10-23T16:00:00Z", "2026-10-30T17:00:00Z");
    // the DST weekend keeps its wall-clock end (Monday 06:00 CET) through an override
    VEvent override = weeklyEvents.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isPresent())
        .filter(e -> e.getProperty(Property.RECURRENCE_ID).orElseThrow().getValue().equals("20261023T180000"))
        .findFirst().orElseThrow();
    assertThat(override.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20261026T060000");
    assertThat(Instant.from(override.getEndDate().orElseThrow().getDate())).isEqualTo("2026-10-26T05:00:00Z");

    VEvent maintenance = events(calendar, newYork.path("id").asText()).get(0);
    assertThat(Instant.from(maintenance.getStartDate().orElseThrow().getDate())).isEqualTo("2027-03-14T03:00:00Z");
    assertThat(Instant.from(maintenance.getEndDate().orElseThrow().getDate())).isEqualTo("2027-03-14T10:00:00Z");
    assertThat(maintenance.getProperty(Property.CATEGORIES).orElseThrow().getValue()).isEqualTo("MAINTENANCE");

    VEvent change = events(calendar, changeId).get(0);
    assertThat(Instant.from(change.getStartDate().orElseThrow().getDate())).isEqualTo("2027-03-20T10:00:00Z");
    assertThat(Instant.from(change.getEndDate().orElseThrow().getDate())).isEqualTo("2027-03-20T11:30:00Z");
    assertThat(change.getSummary().getValue()).contains(changeId).contains("Planned in the feed");

    Http.as(port, "requester").post("/api/changes/" + changeId + "/cancel", map("reason", "test done"));
  }

  @Test
  void theXlsxExportListsChangesAndEveryOccurrence() throws Exception {
    JsonNode weekly = create("/api/blackouts", map("title", "Weekend freeze", "start", "2026-10-02T18:00",
        "end", "2026-10-05T06:00", "timeZone", "Europe/Berlin", "recurrence", "FREQ=WEEKLY;BYDAY=FR",
        "service", service, "reason", "No weekend changes"));

    HttpResponse<byte[]> xlsx = HttpClientHolder.get(port, "auditor",
        "/api/calendar.xlsx?from=2026-10-15&to=2026-11-04&service=" + service);

    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Changes");
      Sheet blackouts = workbook.getSheet("Blackouts");
      assertThat(blackouts.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Window");
      List<String> rows = new ArrayList<>();
      for (int r = 1; r <= blackouts.getLastRowNum(); r++) {
        Row row = blackouts.getRow(r);
        if (row.getCell(0).getStringCellValue().equals(weekly.path("id").asText())) {
          rows.add(row.getCell(6).getStringCellValue() + " " + row.getCell(7).getStringCellValue() + " "
              + row.getCell(5).getLocalDateTimeCellValue());
        }
      }
      assertThat(rows).containsExactly(
          "2026-10-16T18:00:00+02:00 2026-10-19T06:00:00+02:00 2026-10-19T04:00",
          "2026-10-23T18:00:00+02:00 2026-10-26T06:00:00+01:00 2026-10-26T05:00",
          "2026-10-30T18:00:00+01:00 2026-11-02T06:00:00+01:00 2026-11-02T05:00");
      assertThat(workbook.getSheet("Maintenance windows")).isNotNull();
    }
  }

  @Test
  void badCalendarPeriodsAreRefused() {
    Http http = Http.as(port, "requester");
    assertThat(http.get("/api/calendar?from=yesterday").json().path("errors").findValuesAsText("field"))
        .containsExactly("from");
    assertThat(http.get("/api/calendar?from=2027-01-10&to=2027-01-01").json().path("errors")
        .findValuesAsText("field")).containsExactly("to");
    assertThat(http.get("/api/calendar.ics?from=2020-01-01&to=2027-01-01").status()).isEqualTo(400);
  }

  @Test
  void theCabDeclaresWhatAServiceDependsOn() {
    Http.Response declared = put(Http.as(port, "ops-engineer"), "/api/services/" + service + "/dependencies",
        map("dependsOn", List.of("stripe", "aws-rds", "stripe")));

    assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
    assertThat(declared.json().path("dependsOn")).extracting(JsonNode::asText).containsExactly("aws-rds", "stripe");
    assertThat(Http.as(port, "auditor").get("/api/services/" + service + "/dependencies").json().path("dependsOn"))
        .extracting(JsonNode::asText).containsExactly("aws-rds", "stripe");

    Http.Response bad = put(cab(), "/api/services/" + service + "/dependencies",
        map("dependsOn", List.of(service, "Bad Name")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactly("dependsOn[0]", "dependsOn[1]");

    put(cab(), "/api/services/" + service + "/dependencies", map("dependsOn", List.of()));
    assertThat(Http.as(port, "auditor").get("/api/services/" + service + "/dependencies").json().path("dependsOn"))
        .isEmpty();
  }

  private static JsonNode only(JsonNode occurrences, String windowId) {
    List<JsonNode> found = new ArrayList<>();
    occurrences.forEach(o -> {
      if (o.path("windowId").asText().equals(windowId)) {
        found.add(o);
      }
    });
    assertThat(found).as("occurrences of " + windowId).hasSize(1);
    return found.get(0);
  }

  private static List<VEvent> events(Calendar calendar, String id) {
    List<VEvent> events = calendar.<VEvent>getComponents(Component.VEVENT).stream()
        .filter(e -> e.getProperty(Property.UID).orElseThrow().getValue().equals(id + "@changegate")).toList();
    assertThat(events).as("events of " + id).isNotEmpty();
    return events;
  }

  static Http.Response put(Http http, String path, Object body) {
    try {
      return http.send(http.request(path).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A binary GET (the workbook), as a demo user. */
  static final class HttpClientHolder {
    static HttpResponse<byte[]> get(int port, String user, String path) throws Exception {
      return java.net.http.HttpClient.newHttpClient().send(Http.as(port, user).request(path).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }
  }
}
