package io.changegate.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The dates Changegate accepts from input: from 1970-01-01 to 2999-12-31 (instants in UTC, local date-times
 * by their calendar date). Everything Changegate derives from an accepted date — a default change duration,
 * a two-year calendar period, a recurrence expanded for 200 years, the 9999-12-31 marker of a rule that
 * repeats for ever — then stays inside what java.time, iCalendar (four-digit years) and both databases
 * represent. Applied to {@code plannedStart}/{@code plannedEnd}, window {@code start}/{@code end}, an RRULE's
 * {@code UNTIL} and every {@code from}/{@code to} query parameter of {@code /api}.
 */
public final class DateRange {

  public static final int FIRST_YEAR = 1970;
  public static final int LAST_YEAR = 2999;
  /** The first instant accepted. */
  public static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
  /** The first instant no longer accepted. */
  public static final Instant END = Instant.parse("3000-01-01T00:00:00Z");
  public static final String MESSAGE = "must lie between 1970-01-01 and 2999-12-31 (UTC)";

  private DateRange() {}

  public static boolean contains(Instant instant) {
    return !instant.isBefore(MIN) && instant.isBefore(END);
  }

  public static boolean contains(LocalDateTime dateTime) {
    return contains(dateTime.toLocalDate());
  }

  public static boolean contains(LocalDate date) {
    return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
  }
}
