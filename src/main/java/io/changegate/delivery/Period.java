package io.changegate.delivery;

import io.changegate.web.DateRange;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The period of a report, {@code [from, to)}, in a time zone. {@code from} and {@code to} are dates
 * ({@code 2026-03-01}: whole days in the zone, {@code to} included) or instants with an offset
 * ({@code 2026-03-01T00:00:00Z}, {@code to} excluded). {@code days} counts calendar days in the zone, so a day of 23
 * or 25 hours (daylight saving) is one day; a period given by instants counts its hours / 24.
 */
public record Period(Instant from, Instant to, ZoneId zone, double days) {

  /** The period asked for; without {@code from}/{@code to}, the last {@code defaultDays} days up to today. */
  public static Period parse(String from, String to, String zone, DeliveryProperties settings, Clock clock) {
    List<FieldError> errors = new ArrayList<>();
    ZoneId zoneId = settings.zone();
    if (zone != null && !zone.isBlank()) {
      try {
        zoneId = ZoneId.of(zone);
      } catch (DateTimeException e) {
        errors.add(new FieldError("zone", "unknown time zone '" + zone + "' (an IANA id such as Europe/Berlin)"));
      }
    }
    Bound start = bound("from", from, zoneId, false, errors);
    Bound end = bound("to", to, zoneId, true, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid period", errors);
    }
    LocalDate today = LocalDate.now(clock.withZone(zoneId));
    if (end == null) {
      end = new Bound(today.plusDays(1).atStartOfDay(zoneId).toInstant(), today.plusDays(1));
    }
    if (start == null) {
      LocalDate endDay = end.date != null ? end.date : LocalDate.ofInstant(end.instant, zoneId).plusDays(1);
      LocalDate first = endDay.minusDays(settings.defaultPeriodDays());
      start = new Bound(first.atStartOfDay(zoneId).toInstant(), first);
    }
    if (!end.instant.isAfter(start.instant)) {
      errors.add(new FieldError("to", "must be after from"));
    } else if (ChronoUnit.DAYS.between(start.instant, end.instant) > settings.maxPeriodDays()) {
      errors.add(new FieldError("to", "a period spans at most " + settings.maxPeriodDays() + " days"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid period", errors);
    }
    double days = start.date != null && end.date != null
        ? ChronoUnit.DAYS.between(start.date, end.date)
        : ChronoUnit.SECONDS.between(start.instant, end.instant) / 86_400d;
    return new Period(start.instant, end.instant, zoneId, days);
  }

  /** A period of whole days in {@code zone}, {@code firstDay} to {@code lastDay} included. */
  public static Period ofDays(LocalDate firstDay, LocalDate lastDay, ZoneId zone) {
    return new Period(firstDay.atStartOfDay(zone).toInstant(), lastDay.plusDays(1).atStartOfDay(zone).toInstant(),
        zone, ChronoUnit.DAYS.between(firstDay, lastDay.plusDays(1)));
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }

  public double weeks() {
    return days / 7d;
  }

  private record Bound(Instant instant, LocalDate date) {}

  private static Bound bound(String field, String text, ZoneId zone, boolean isEnd, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (text.length() <= 10) {
        LocalDate date = LocalDate.parse(text);
        if (!DateRange.contains(date)) {
          errors.add(new FieldError(field, DateRange.MESSAGE));
          return null;
        }
        LocalDate day = isEnd ? date.plusDays(1) : date;
        return new Bound(day.atStartOfDay(zone).toInstant(), day);
      }
      Instant instant = OffsetDateTime.parse(text).toInstant();
      if (!DateRange.contains(instant)) {
        errors.add(new FieldError(field, DateRange.MESSAGE));
        return null;
      }
      return new Bound(instant, null);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be a date (2026-03-01) or an instant with offset (2026-03-01T00:00:00Z)"));
      return null;
    }
  }
}
