package io.changegate.security;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.calendar.CalendarFeed;
import io.changegate.calendar.CalendarWindow;
import io.changegate.calendar.WindowKind;
import io.changegate.calendar.WindowRepository;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.LoopbackClient;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input on {@code /api}, as an attacker would send it, over real HTTP: every attempt is a 4xx
 * ({@code application/problem+json} naming the field) and stores nothing. Malformed paths, text no database
 * keeps (NUL, lone surrogates) in every body and parameter, dates outside 1970-2999 or not written as text,
 * JSON values of the wrong type, recurrence rules beyond the limits, limits on lists and bodies, and what a
 * stored rule can make the calendar answer.
 */
@ChangegateIntegrationTest
class InputHardeningApiTest {

  /** application-test.yaml: changegate.monitoring.alerts.token-property = TEST_ALERTS_TOKEN. */
  static final String ALERTS_TOKEN = "alerts-test-secret-4b1d";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired WindowRepository windows;

  private long rows(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private Http admin() {
    return Http.as(port, "admin");
  }

  /** 400 problem+json with an error for {@code field} whose message contains {@code reason}. */
  private static void assertRefused(Http.Response response, String field, String reason) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode errors = response.json().path("errors");
    assertThat(errors).as(response.toString()).anySatisfy(error -> {
      assertThat(error.path("field").asText()).isEqualTo(field);
      assertThat(error.path("message").asText()).contains(reason);
    });
  }

  // ---- paths ------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"//engine-rest/user", "/engine-rest//user", "/engine-rest;x=y/user", "/engine-rest/user;x=y",
      "/engine-rest/./user", "/engine-rest/../engine-rest/user", "/engine-rest/%2e/user", "/engine-rest%2fuser",
      "/engine-rest/%2fuser", "/engine-rest\\user", "//api/changes", "/api;jsessionid=x/changes", "/api/./changes",
      "/api/changes/%2e%2e/standard-changes", "/camunda//api/engine/engine/default/user",
      "/camunda/api/engine/engine/default;x=y/user", "/camunda/api/engine;x=y/engine/default/user",
      "//actuator/prometheus", "/actuator;x=y/prometheus", "/actuator/%2e/env"})
  void malformedPathsAreRefusedWith400AndNeverReachAServletUnauthenticated(String path) {
    for (Map<String, String> headers : List.of(Map.<String, String>of(),
        Map.of("Authorization", Http.basic("admin", "admin")))) {
      LoopbackClient.Answer answer = new LoopbackClient("127.0.0.1", port).get(path, headers);

      assertThat(answer.status()).as(path + " " + headers.keySet() + ": " + answer).isEqualTo(400);
      assertThat(answer.body()).doesNotContain("\"id\":\"admin\"");
    }
  }

  // ---- text no database keeps -------------------------------------------------------------------------------

  static Stream<Arguments> changeFields() {
    List<Arguments> cases = new ArrayList<>();
    for (String bad : List.of("nul\u0000", "lone\ud800", "low\udc00first", "pair then lone \ud83d\ude00\ud83d")) {
      cases.add(Arguments.of("title", (Function<Map<String, Object>, Object>) c -> c.put("title", bad), "title"));
      cases.add(Arguments.of("description", (Function<Map<String, Object>, Object>) c -> c.put("description", bad),
          "description"));
      cases.add(Arguments.of("artifact.version", (Function<Map<String, Object>, Object>) c -> c.put("artifact",
          map("name", "payments-api", "version", bad, "digest", Changes.newDigest())), "artifact.version"));
      cases.add(Arguments.of("targets", (Function<Map<String, Object>, Object>) c -> c.put("targets",
          List.of(map("adapter", "sandbox", "name", "ok"), map("adapter", "sandbox", "name", bad))),
          "targets[1].name"));
      cases.add(Arguments.of("runbook", (Function<Map<String, Object>, Object>) c -> c.put("runbook",
          map("steps", List.of("one", bad))), "runbook.steps[1]"));
      cases.add(Arguments.of("emergencyJustification", (Function<Map<String, Object>, Object>) c ->
          c.put("emergencyJustification", bad), "emergencyJustification"));
      cases.add(Arguments.of("validation url", (Function<Map<String, Object>, Object>) c -> c.put("validation",
          map("syntheticChecks", List.of(map("url", "https://example.com/" + bad)))),
          "validation.syntheticChecks[0].url"));
      cases.add(Arguments.of("a key", (Function<Map<String, Object>, Object>) c -> c.put(bad, "x"), "a key in (body)"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("changeFields")
  void aChangeWithTextNoDatabaseKeepsIsRefusedAndNothingIsStored(String what,
      Function<Map<String, Object>, Object> spoil, String field) {
    long before = rows("changegate_change");
    Map<String, Object> change = Changes.standard("Text probe");
    spoil.apply(change);

    Http.Response response = Http.as(port, "requester").post("/api/changes", change);

    assertRefused(response, field, "must not contain");
    assertThat(rows("changegate_change")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/blackouts", "/api/maintenance-windows"})
  void windowsWithTextNoDatabaseKeepsAreRefusedAndNothingIsStored(String collection) {
    long before = rows("changegate_calendar_window");
    Map<String, Object> window = map("title", "Freeze", "start", "2031-01-05T18:00", "end", "2031-01-06T06:00",
        "timeZone", "Europe/Berlin", "environment", "production", "reason", "Quarter close");
    for (String field : List.of("title", "reason", "timeZone", "recurrence", "service", "environment", "start")) {
      for (String bad : List.of("x\u0000", "x\ud800")) {
        Map<String, Object> spoiled = new java.util.LinkedHashMap<>(window);
        spoiled.put(field, bad);
        assertRefused(Http.as(port, "cab-chair").post(collection, spoiled), field, "must not contain");
      }
    }
    assertThat(rows("changegate_calendar_window")).isEqualTo(before);
  }

  @Test
  void alertsWithTextNoDatabaseKeepsAreRefusedAndNothingIsStored() {
    long before = rows("changegate_alert");
    List<String> bodies = List.of(
        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
            + "\"labels\":{\"alertname\":\"x\\u0000\"}}]}",
        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
            + "\"labels\":{\"a\\u0000\":\"b\"}}]}",
        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"service\":\"s\"},"
            + "\"annotations\":{\"summary\":\"\\ud800\"}}]}",
        "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"\\udfff\",\"alerts\":[]}",
        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"service\":\"s\"},"
            + "\"fingerprint\":\"f\\u0000\"}]}");
    for (String body : bodies) {
      Http anonymous = Http.anonymous(port);
      Http.Response response = anonymous.send(anonymous.request("/api/alerts")
          .header("Authorization", "Bearer " + ALERTS_TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
      assertThat(response.json().path("errors").get(0).path("message").asText()).contains("must not contain");
    }
    assertThat(rows("changegate_alert")).isEqualTo(before);
  }

  @Test
  void otherBodiesAndParametersWithTextNoDatabaseKeepsAreRefused() {
    String id = Http.as(port, "requester").post("/api/changes", Changes.normal("Cancel probe")).json().path("id")
        .asText();
    assertRefused(Http.as(port, "requester").post("/api/changes/" + id + "/cancel", map("reason", "x\u0000")),
        "reason", "NUL");
    assertRefused(Http.as(port, "ops-engineer").post("/api/changes/" + id + "/rollback", map("reason", "\ud800")),
        "reason", "surrogate");
    Http cab = Http.as(port, "cab-chair");
    assertRefused(cab.send(cab.request("/api/services/payments-api/dependencies")
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"dependsOn\":[\"stripe\",\"x\\u0000\"]}"))),
        "dependsOn[1]", "NUL");
    JsonNode unchanged = Http.as(port, "requester").get("/api/changes/" + id).json();
    assertThat(unchanged.path("status").asText()).isNotIn("CANCELLED", "ROLLING_BACK");
    assertThat(unchanged.path("timeline").findValuesAsText("event")).doesNotContain("CANCELLED", "ROLLBACK_REQUESTED");
    assertThat(admin().get("/api/services/payments-api/dependencies").body()).doesNotContain("\\u0000");

    assertRefused(admin().get("/api/changes?service=%00"), "parameter service", "NUL");
    assertRefused(admin().get("/api/changes?environment=%ED%A0%80x&status=%00"), "parameter status", "NUL");
    assertRefused(admin().get("/api/calendar?service=a%00b"), "parameter service", "NUL");
    assertRefused(admin().get("/api/changes?x%00=1"), "parameter x\\u0000", "NUL");
    assertThat(admin().post("/api/changes/" + id + "/cancel", "{}").status()).isEqualTo(200);
  }

  // ---- dates ------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"12", "12.5", "-1", "true", "[2026, 12, 18]", "{\"epochSecond\": 1}",
      "\"0000-01-01T00:00:00Z\"",
      "\"1969-12-31T23:59:59Z\"", "\"3000-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"",
      "\"-999999999-01-01T00:00:00Z\"", "\"+1000000000-01-01T00:00:00Z\"", "\"2026-12-18T17:00\"", "\"2026-12-18\"",
      "\"\"", "\"2026-02-30T00:00:00Z\""})
  void plannedStartMustBeIsoTextBetween1970And2999(String value) throws Exception {
    long before = rows("changegate_change");
    for (String field : List.of("plannedStart", "plannedEnd")) {
      Map<String, Object> change = Changes.standard("Date probe");
      change.put(field, new com.fasterxml.jackson.databind.ObjectMapper().readTree(value));

      Http.Response response = Http.as(port, "requester").post("/api/changes", change);

      assertThat(response.status()).as(field + "=" + value + ": " + response).isEqualTo(400);
      assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }
    assertThat(rows("changegate_change")).isEqualTo(before);
  }

  @Test
  void datesOutsideTheRangeAreRefusedInWindowsAndQueries() {
    long before = rows("changegate_calendar_window");
    for (String[] bounds : new String[][] {{"0000-01-01T00:00", "0000-01-02T00:00"},
        {"1969-12-31T00:00", "1970-01-02T00:00"}, {"2999-12-31T00:00", "3000-01-01T01:00"},
        {"-999999999-01-01T00:00", "2027-01-01T00:00"}, {"2027-01-01T00:00", "+999999999-12-31T23:59"}}) {
      Http.Response response = Http.as(port, "cab-chair").post("/api/blackouts", map("title", "Far", "start",
          bounds[0], "end", bounds[1], "timeZone", "UTC", "reason", "range"));
      assertThat(response.status()).as(String.join(" to ", bounds) + ": " + response).isEqualTo(400);
    }
    assertThat(rows("changegate_calendar_window")).isEqualTo(before);

    for (String query : List.of("/api/calendar?from=0000-01-01", "/api/calendar?from=-999999999-01-01T00:00:00Z",
        "/api/calendar?from=%2B999999999-12-01T00:00:00Z", "/api/calendar?from=2999-12-31&to=3000-01-02",
        "/api/calendar.ics?from=1969-12-01", "/api/calendar.xlsx?to=%2B999999999-12-01T00:00:00Z",
        "/api/changes/stats?from=0000-01-01", "/api/changes/stats?to=%2B999999999-01-01T00:00:00Z",
        "/api/changes/stats?from=-999999999-01-01T00:00:00Z")) {
      Http.Response response = admin().get(query);
      assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
      assertThat(response.json().path("errors").get(0).path("message").asText()).contains("1970-01-01");
    }
  }

  // ---- JSON types ---------------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "title      | {\"title\": 12}",
      "title      | {\"title\": true}",
      "title      | {\"title\": \"a\", \"title\": \"b\"}",
      "impact     | {\"impact\": 1}",
      "regulated  | {\"regulated\": \"true\"}",
      "regulated  | {\"regulated\": 1}",
      "dryRun     | {\"dryRun\": \"yes\"}",
      "validation | {\"validation\": {\"latencyP95MaxMs\": 5.5}}",
      "validation | {\"validation\": {\"stabilizationMinutes\": \"5\"}}",
      "artifact   | {\"artifact\": {\"name\": \"a\", \"name\": \"b\", \"version\": \"1\"}}",
      "targets    | {\"targets\": \"sandbox\"}"})
  void valuesOfTheWrongJsonTypeAreRefusedNotCoerced(String replaced, String spoiled) throws Exception {
    long before = rows("changegate_change");
    Map<String, Object> change = Changes.standard("Type probe");
    change.remove(replaced);
    String base = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(change);
    String body = base.substring(0, base.length() - 1) + "," + spoiled.substring(1);

    Http.Response response = Http.as(port, "requester").post("/api/changes", body);

    assertThat(response.status()).as(body + ": " + response).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("errors").get(0).path("field").asText()).as(response.toString())
        .isIn(replaced, "(body)", "validation.latencyP95MaxMs", "validation.stabilizationMinutes");
    assertThat(rows("changegate_change")).isEqualTo(before);
  }

  // ---- recurrence rules --------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"FREQ=DAILY;COUNT=-1", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;INTERVAL=0",
      "FREQ=DAILY;INTERVAL=-3",
      "FREQ=DAILY;BYHOUR=0,1,2;BYMINUTE=0,30", "FREQ=DAILY;BYSECOND=0,30", "FREQ=DAILY;UNTIL=99991231T000000Z",
      "FREQ=DAILY;FREQ=WEEKLY", "FREQ=DAILY;COUNT=999999999", "FREQ=HOURLY", "FREQ=SECONDLY"})
  void recurrenceRulesBeyondTheLimitsAreRefusedAndNothingIsStored(String rule) {
    long before = rows("changegate_calendar_window");
    for (String collection : List.of("/api/blackouts", "/api/maintenance-windows")) {
      Http.Response response = Http.as(port, "cab-chair").post(collection, map("title", "Rule probe",
          "start", "2031-01-06T18:00", "end", "2031-01-06T19:00", "timeZone", "UTC", "recurrence", rule,
          "reason", "limits"));
      assertRefused(response, "recurrence", "");
    }
    assertThat(rows("changegate_calendar_window")).isEqualTo(before);
  }

  // ---- what the calendar can be made to answer ---------------------------------------------------------------

  @Test
  void anEmptyPeriodIsAnEmptyCalendarNotAServerError() throws Exception {
    String service = "empty-" + UUID.randomUUID().toString().substring(0, 8);

    Http.Response ics = admin().get("/api/calendar.ics?from=2031-06-01&to=2031-07-01&service=" + service);

    assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
    assertThat(new CalendarBuilder().build(new StringReader(ics.body())).getComponents()).isEmpty();
    JsonNode json = admin().get("/api/calendar?from=2031-06-01&to=2031-07-01&service=" + service).json();
    assertThat(json.path("truncated").asBoolean(true)).isFalse();
    assertThat(json.path("blackouts")).isEmpty();
  }

  @Test
  void aRuleStoredBeforeTheLimitsMakesTheCalendarAnswerBoundedAndSayTruncated() throws Exception {
    // 11 windows as they could be stored before the limits: an occurrence every second of every day
    String service = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder minutes = new StringBuilder("0");
    for (int i = 1; i < 60; i++) {
      minutes.append(',').append(i);
    }
    String everySecond = "FREQ=DAILY;UNTIL=20310301T000000Z;BYMINUTE=" + minutes + ";BYSECOND=" + minutes;
    LocalDateTime start = LocalDateTime.parse("2031-01-01T00:00");
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 11; i++) {
        String id = "BLK-LEGACY" + i + service.substring(7);
        ids.add(id);
        windows.insert(new CalendarWindow(id, WindowKind.BLACKOUT, "Legacy " + i, "stored before the limits", start,
            start.plusSeconds(1), ZoneId.of("UTC"), everySecond, service, null,
            Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-03-01T00:00:01Z"), "cab-chair", Instant.now()));
      }

      Http.Response json = admin().get("/api/calendar?from=2031-01-01&to=2031-03-01&service=" + service);
      Http.Response ics = admin().get("/api/calendar.ics?from=2031-01-01&to=2031-03-01&service=" + service);

      assertThat(json.status()).isEqualTo(200);
      assertThat(json.json().path("truncated").asBoolean()).isTrue();
      // cut at the start of the 10,001st entry: the 11 windows share their starts, so up to 10 more go
      assertThat(json.json().path("blackouts").size())
          .isBetween(CalendarFeed.MAX_ENTRIES - 10, CalendarFeed.MAX_ENTRIES);
      for (String id : ids) {
        assertThat(json.json().path("blackouts").findValuesAsText("windowId").stream().filter(id::equals).count())
            .isLessThanOrEqualTo(CalendarFeed.MAX_OCCURRENCES_PER_WINDOW);
      }
      assertThat(json.body().length()).as("bytes, for 56 million occurrences").isLessThan(8_000_000);
      assertThat(ics.status()).isEqualTo(200);
      assertThat(ics.body()).contains("X-CHANGEGATE-TRUNCATED:TRUE");
      assertThat(ics.body().length()).isLessThan(8_000_000);
    } finally {
      ids.forEach(id -> jdbc.sql("DELETE FROM changegate_calendar_window WHERE id = ?").param(id).update());
    }
  }

  // ---- limits -------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/api/changes?limit=0", "/api/changes?limit=501", "/api/changes?limit=-1",
      "/api/changes?limit=99999999999", "/api/changes?limit=abc", "/api/alerts?limit=0", "/api/alerts?limit=501",
      "/api/alerts?limit=100000", "/api/calendar?from=2027-01-01&to=2029-01-03"})
  void listLimitsAndPeriodsOutsideTheirBoundsAreRefused(String query) {
    Http.Response response = admin().get(query);
    assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void bodiesAndArraysAreBounded() {
    long before = rows("changegate_change");
    Map<String, Object> huge = Changes.standard("Huge");
    huge.put("description", "x".repeat(InputGuard.MAX_BODY_BYTES));
    Http.Response tooLarge = Http.as(port, "requester").post("/api/changes", huge);
    assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);

    Map<String, Object> many = Changes.standard("Many");
    many.put("targets", java.util.Collections.nCopies(InputGuard.MAX_ARRAY_ITEMS + 1, 1));
    assertRefused(Http.as(port, "requester").post("/api/changes", many), "targets", "at most 10000 items");
    assertThat(rows("changegate_change")).isEqualTo(before);
  }
}
