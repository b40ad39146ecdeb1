package io.changegate.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an RRULE from input may say, and how far any rule is expanded for one answer. */
class RecurrenceLimitsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "FREQ=DAILY;COUNT=-1             | COUNT must be a whole number from 1 to 10000",
      "FREQ=DAILY;COUNT=0              | COUNT must be a whole number from 1 to 10000",
      "FREQ=DAILY;COUNT=10001          | COUNT must be a whole number from 1 to 10000",
      "FREQ=DAILY;COUNT=1e3            | COUNT must be a whole number",
      "FREQ=DAILY;INTERVAL=0           | INTERVAL must be a whole number from 1 to 1000",
      "FREQ=DAILY;INTERVAL=-3          | INTERVAL must be a whole number from 1 to 1000",
      "FREQ=DAILY;INTERVAL=99999999999 | INTERVAL must be a whole number",
      "FREQ=DAILY;UNTIL=99991231T000000Z | UNTIL must lie between 1970-01-01 and 2999-12-31",
      "FREQ=DAILY;UNTIL=00000101       | UNTIL must lie between",
      "FREQ=DAILY;UNTIL=20271340       | UNTIL is not a calendar date",
      "FREQ=DAILY;UNTIL=tomorrow       | UNTIL must be a date",
      "FREQ=DAILY;BYHOUR=0,12;BYMINUTE=0,30 | must not use BYMINUTE",
      "FREQ=DAILY;BYSECOND=0,1,2       | must not use BYSECOND",
      "FREQ=DAILY;FREQ=WEEKLY          | names FREQ more than once",
      "FREQ=DAILY;;COUNT=2             | is not NAME=VALUE",
      "RRULE:FREQ=DAILY;COUNT=0        | COUNT must be"})
  void rulesBeyondTheLimitsAreRefusedWithTheReason(String rule, String reason) {
    assertThatThrownBy(() -> WindowSchedule.canonical(rule))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"FREQ=WEEKLY;BYDAY=FR", "FREQ=DAILY;COUNT=10000", "FREQ=DAILY;INTERVAL=1000",
      "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", "FREQ=DAILY;BYHOUR=0,6,12,18", "FREQ=WEEKLY;UNTIL=20291231",
      "FREQ=WEEKLY;UNTIL=29991231T235959Z", "rrule:freq=weekly;byday=mo"})
  void rulesWithinTheLimitsAreAccepted(String rule) {
    assertThat(WindowSchedule.canonical(rule)).startsWith("FREQ=");
  }

  @Test
  void aRuleStoredBeforeTheLimitsIsExpandedOnlyAsFarAsTheAnswerNeeds() {
    // stored before the limits: every second of every day (86,400 occurrences a day)
    LocalDateTime start = LocalDateTime.parse("2027-01-04T00:00");
    ZoneId utc = ZoneId.of("UTC");
    String everySecond = "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
        + "BYMINUTE=" + range(60) + ";BYSECOND=" + range(60);
    CalendarWindow window = new CalendarWindow("BLK-999999", WindowKind.BLACKOUT, "Legacy", "stored before limits",
        start, start.plusSeconds(1), utc, WindowSchedule.rule(everySecond).toString(), null, null,
        start.atZone(utc).toInstant(), WindowSchedule.UNBOUNDED, "cab-chair", Instant.parse("2026-01-01T00:00:00Z"));

    long began = System.nanoTime();
    List<Occurrence> first = WindowSchedule.occurrences(window, Instant.parse("2027-01-04T00:00:00Z"),
        Instant.parse("2027-03-04T00:00:00Z"), 1_000);
    long millis = (System.nanoTime() - began) / 1_000_000;

    assertThat(first).as("the limit and one more, to say there are more").hasSize(1_001);
    assertThat(first.get(1).startInstant()).isEqualTo("2027-01-04T00:00:01Z");
    assertThat(millis).as("expanding 1,001 of 5 million occurrences").isLessThan(5_000);
  }

  private static String range(int n) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < n; i++) {
      values.append(i == 0 ? "" : ",").append(i);
    }
    return values.toString();
  }
}
