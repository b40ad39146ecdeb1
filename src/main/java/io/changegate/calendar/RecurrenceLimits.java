package io.changegate.calendar;

import io.changegate.web.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an RRULE from input may say beyond being valid RFC 5545 (which iCal4j checks, leniently): each part
 * once; {@code COUNT} a whole number from 1 to {@value #MAX_COUNT}; {@code INTERVAL} from 1 to
 * {@value #MAX_INTERVAL}; {@code UNTIL} within {@link DateRange}; no {@code BYMINUTE} or {@code BYSECOND}. With
 * a frequency of a day or more ({@link WindowSchedule#FREQUENCIES}) a window then occurs at most once an hour
 * ({@code BYHOUR}), 24 times a day, so one window yields at most 17,544 occurrences in the longest calendar
 * period; a rule listing minutes and seconds would yield 86,400 a day. Rules already stored are read as they
 * are; the calendar feeds bound what any window contributes ({@link CalendarFeed}).
 */
final class RecurrenceLimits {

  static final int MAX_COUNT = 10_000;
  static final int MAX_INTERVAL = 1_000;
  private static final Set<String> REFUSED = Set.of("BYMINUTE", "BYSECOND");

  private RecurrenceLimits() {}

  /** Throws {@link IllegalArgumentException} with the reason when the rule goes beyond the limits. */
  static void check(String recurrence) {
    String text = recurrence.strip().toUpperCase(Locale.ROOT);
    if (text.startsWith("RRULE:")) {
      text = text.substring("RRULE:".length());
    }
    Set<String> seen = new HashSet<>();
    for (String part : text.split(";", -1)) {
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("is not a valid RRULE (RFC 5545): '" + part + "' is not NAME=VALUE");
      }
      String name = part.substring(0, equals);
      String value = part.substring(equals + 1);
      if (!seen.add(name)) {
        throw new IllegalArgumentException("names " + name + " more than once");
      }
      if (REFUSED.contains(name)) {
        throw new IllegalArgumentException("must not use " + name + ": a window starts at the minute of its start "
            + "(use BYHOUR for several windows a day)");
      }
      switch (name) {
        case "COUNT" -> wholeNumber(name, value, MAX_COUNT);
        case "INTERVAL" -> wholeNumber(name, value, MAX_INTERVAL);
        case "UNTIL" -> until(value);
        default -> { }
      }
    }
  }

  private static void wholeNumber(String name, String value, int max) {
    if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
      throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max + ", not '" + value + "'");
    }
  }

  private static void until(String value) {
    if (!value.matches("[0-9]{8}(T[0-9]{6}Z?)?")) {
      throw new IllegalArgumentException("UNTIL must be a date (20271231) or a date-time (20271231T230000Z), not '"
          + value + "'");
    }
    try {
      LocalDate date = LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
      if (!DateRange.contains(date)) {
        throw new IllegalArgumentException("UNTIL " + DateRange.MESSAGE + ": '" + value + "'");
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("UNTIL is not a calendar date: '" + value + "'", e);
    }
  }
}
