package io.changegate.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The time arithmetic of windows, across daylight-saving changes: Europe/Berlin falls back on
 * 2026-10-25 (03:00 CEST becomes 02:00 CET), America/New_York springs forward on 2027-03-14 (02:00 EST
 * becomes 03:00 EDT). Every expected instant is worked out by hand from those offsets.
 */
class WindowScheduleTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static CalendarWindow window(String start, String end, ZoneId zone, String rule) {
    LocalDateTime from = LocalDateTime.parse(start);
    LocalDateTime to = LocalDateTime.parse(end);
    WindowSchedule.Span span = WindowSchedule.span(from, to, zone, rule);
    return new CalendarWindow("BLK-000001", WindowKind.BLACKOUT, "Freeze", "test", from, to, zone,
        rule == null ? null : WindowSchedule.canonical(rule), null, null, span.firstStart(), span.lastEnd(), "cab-chair",
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  static List<Instant[]> occurrences(CalendarWindow window, String from, String to) {
    return WindowSchedule.occurrences(window, Instant.parse(from), Instant.parse(to)).stream()
        .map(o -> new Instant[] {o.startInstant(), o.endInstant()}).toList();
  }

  @Test
  void berlinWindowAcrossTheOctoberChangeLastsNineHoursNotEight() {
    CalendarWindow w = window("2026-10-24T22:00", "2026-10-25T06:00", BERLIN, null);

    assertThat(w.firstStart()).isEqualTo("2026-10-24T20:00:00Z"); // 22:00 CEST (+02:00)
    assertThat(w.lastEnd()).isEqualTo("2026-10-25T05:00:00Z"); // 06:00 CET (+01:00)
    List<Occurrence> all = WindowSchedule.occurrences(w, Instant.parse("2026-10-01T00:00:00Z"),
        Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(all).hasSize(1);
    assertThat(Duration.between(all.get(0).startInstant(), all.get(0).endInstant())).hasHours(9);
    assertThat(all.get(0).start().getOffset().getId()).isEqualTo("+02:00");
    assertThat(all.get(0).end().getOffset().getId()).isEqualTo("+01:00");
    // 05:30 CET is still inside; 06:00 CET (05:00Z) is the end
    assertThat(occurrences(w, "2026-10-25T04:30:00Z", "2026-10-25T04:31:00Z")).hasSize(1);
    assertThat(occurrences(w, "2026-10-25T05:00:00Z", "2026-10-25T06:00:00Z")).isEmpty();
  }

  @Test
  void newYorkWindowAcrossTheMarchChangeLastsSevenHoursNotEight() {
    CalendarWindow w = window("2027-03-13T22:00", "2027-03-14T06:00", NEW_YORK, null);

    assertThat(w.firstStart()).isEqualTo("2027-03-14T03:00:00Z"); // 22:00 EST (-05:00)
    assertThat(w.lastEnd()).isEqualTo("2027-03-14T10:00:00Z"); // 06:00 EDT (-04:00)
    assertThat(occurrences(w, "2027-03-14T09:30:00Z", "2027-03-14T09:31:00Z")).hasSize(1);
    assertThat(occurrences(w, "2027-03-14T10:00:00Z", "2027-03-14T11:00:00Z")).isEmpty();
    assertThat(occurrences(w, "2027-03-14T02:00:00Z", "2027-03-14T03:00:00Z")).isEmpty();
  }

  @Test
  void weeklyBerlinFreezeKeepsItsWallClockTimesAcrossTheOctoberChange() {
    // every Friday 18:00 to Monday 06:00
    CalendarWindow w = window("2026-10-02T18:00", "2026-10-05T06:00", BERLIN, "FREQ=WEEKLY;BYDAY=FR");

    assertThat(w.lastEnd()).isEqualTo(WindowSchedule.UNBOUNDED);
    List<Instant[]> weeks = occurrences(w, "2026-10-15T00:00:00Z", "2026-11-04T00:00:00Z");
    assertThat(weeks).extracting(o -> o[0] + " " + o[1]).containsExactly(
        "2026-10-16T16:00:00Z 2026-10-19T04:00:00Z", // CEST to CEST: 60 h
        "2026-10-23T16:00:00Z 2026-10-26T05:00:00Z", // CEST to CET: 61 h, still Monday 06:00 local
        "2026-10-30T17:00:00Z 2026-11-02T05:00:00Z"); // CET to CET: 60 h
    // Monday 26 October 05:30 CET is frozen, Monday 19 October 06:30 CEST is not
    assertThat(occurrences(w, "2026-10-26T04:30:00Z", "2026-10-26T04:45:00Z")).hasSize(1);
    assertThat(occurrences(w, "2026-10-19T04:30:00Z", "2026-10-19T04:45:00Z")).isEmpty();
    // a Wednesday is free
    assertThat(occurrences(w, "2026-10-21T10:00:00Z", "2026-10-21T11:00:00Z")).isEmpty();
  }

  @Test
  void weeklyNewYorkFreezeAcrossTheMarchChange() {
    // every Saturday 20:00 to Sunday 04:00
    CalendarWindow w = window("2027-03-06T20:00", "2027-03-07T04:00", NEW_YORK, "RRULE:FREQ=WEEKLY;BYDAY=SA");

    assertThat(occurrences(w, "2027-03-06T00:00:00Z", "2027-03-21T12:00:00Z")).extracting(o -> o[0] + " " + o[1])
        .containsExactly(
            "2027-03-07T01:00:00Z 2027-03-07T09:00:00Z", // EST: 8 h
            "2027-03-14T01:00:00Z 2027-03-14T08:00:00Z", // EST to EDT: 7 h, still Sunday 04:00 local
            "2027-03-21T00:00:00Z 2027-03-21T08:00:00Z"); // EDT: 8 h
  }

  @Test
  void aStartInTheSkippedHourMovesForwardAndARepeatedHourIsCoveredWhole() {
    // 02:30 does not exist in New York on 2027-03-14: the window starts at 03:30 EDT
    CalendarWindow skipped = window("2027-03-14T02:30", "2027-03-14T05:00", NEW_YORK, null);
    assertThat(skipped.firstStart()).isEqualTo("2027-03-14T07:30:00Z");
    assertThat(skipped.lastEnd()).isEqualTo("2027-03-14T09:00:00Z");

    // 02:00-02:59 happens twice in Berlin on 2026-10-25: start at the first 02:15, end at the second 02:45
    CalendarWindow repeated = window("2026-10-25T02:15", "2026-10-25T02:45", BERLIN, null);
    assertThat(repeated.firstStart()).isEqualTo("2026-10-25T00:15:00Z");
    assertThat(repeated.lastEnd()).isEqualTo("2026-10-25T01:45:00Z");
  }

  @Test
  void countAndUntilBoundTheLastEnd() {
    CalendarWindow counted = window("2026-12-04T18:00", "2026-12-07T06:00", BERLIN, "FREQ=WEEKLY;COUNT=3");
    assertThat(counted.lastEnd()).isEqualTo("2026-12-21T05:00:00Z"); // third Monday 06:00 CET
    assertThat(occurrences(counted, "2026-12-01T00:00:00Z", "2027-02-01T00:00:00Z")).hasSize(3);

    CalendarWindow until = window("2026-12-04T18:00", "2026-12-07T06:00", BERLIN,
        "FREQ=WEEKLY;UNTIL=20261212T000000Z");
    assertThat(until.lastEnd()).isEqualTo("2026-12-14T05:00:00Z");
    assertThat(occurrences(until, "2026-12-01T00:00:00Z", "2027-02-01T00:00:00Z")).hasSize(2);
  }

  @Test
  void occurrencesYearsAfterTheFirstAreFound() {
    CalendarWindow w = window("2026-10-02T18:00", "2026-10-05T06:00", BERLIN, "FREQ=WEEKLY;BYDAY=FR");
    // Friday 2030-10-25 18:00 CEST
    assertThat(occurrences(w, "2030-10-26T10:00:00Z", "2030-10-26T11:00:00Z")).extracting(o -> o[0] + " " + o[1])
        .containsExactly("2030-10-25T16:00:00Z 2030-10-28T05:00:00Z");
  }

  @Test
  void badWindowsAreRefusedWithAReason() {
    assertThatThrownBy(() -> window("2026-12-04T18:00", "2026-12-04T17:00", BERLIN, null))
        .hasMessage("must be after start");
    assertThatThrownBy(() -> WindowSchedule.rule("FREQ=SOMETIMES")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid RRULE");
    assertThatThrownBy(() -> WindowSchedule.rule("BYDAY=FR")).hasMessageContaining("FREQ");
    assertThatThrownBy(() -> WindowSchedule.rule("FREQ=HOURLY")).hasMessageContaining("DAILY, WEEKLY");
    // a Thursday start is not an occurrence of "every Friday"
    assertThatThrownBy(() -> window("2026-12-03T18:00", "2026-12-04T06:00", BERLIN, "FREQ=WEEKLY;BYDAY=FR"))
        .hasMessageContaining("does not include the window's start");
  }
}
