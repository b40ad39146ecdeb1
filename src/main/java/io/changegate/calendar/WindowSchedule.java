package io.changegate.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * The time arithmetic of windows: wall-clock bounds in an IANA zone, repeated by an RRULE (iCal4j), turned
 * into instants.
 *
 * <p>Daylight saving: every occurrence keeps the wall-clock start and end of the first one. A start that
 * falls in the hour a clock skips moves forward by the gap (02:30 on a spring-forward night is 03:30); a
 * start in the hour a clock repeats takes the earlier of the two instants and an end the later one, so a
 * window never covers less than its wall-clock bounds say.
 */
public final class WindowSchedule {

  /** {@code lastEnd} of a rule that repeats for ever. */
  public static final Instant UNBOUNDED = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

  /** Occurrences are daily at most: a freeze that repeats every hour is a modelling mistake. */
  static final Set<Frequency> FREQUENCIES =
      Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);

  /** No limit on the occurrences expanded. */
  static final int UNLIMITED = -1;

  /** A rule with COUNT or UNTIL is expanded up to this many occurrences to find its end; beyond, it is unbounded. */
  static final int MAX_EXPANDED = 20_000;

  private WindowSchedule() {}

  /** The RRULE as iCal4j reads it ({@code RRULE:} prefix optional); {@link IllegalArgumentException} when invalid. */
  public static Recur<ZonedDateTime> rule(String recurrence) {
    String text = recurrence.strip();
    if (text.toUpperCase(Locale.ROOT).startsWith("RRULE:")) {
      text = text.substring("RRULE:".length());
    }
    Recur<ZonedDateTime> rule;
    try {
      rule = new Recur<>(text.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a valid RRULE (RFC 5545): " + e.getMessage(), e);
    }
    if (!FREQUENCIES.contains(rule.getFrequency())) {
      throw new IllegalArgumentException("must repeat DAILY, WEEKLY, MONTHLY or YEARLY, not " + rule.getFrequency());
    }
    return rule;
  }

  /**
   * A rule from input, checked against {@link RecurrenceLimits}, in canonical form as stored and published
   * ({@code FREQ=WEEKLY;BYDAY=FR}); {@link IllegalArgumentException} when invalid or beyond the limits.
   */
  public static String canonical(String recurrence) {
    RecurrenceLimits.check(recurrence);
    return rule(recurrence).toString();
  }

  /** Wall-clock start in a zone: a skipped time moves forward, a repeated time takes the earlier instant. */
  public static ZonedDateTime startAt(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap();
  }

  /** Wall-clock end in a zone: a skipped time moves forward, a repeated time takes the later instant. */
  public static ZonedDateTime endAt(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap();
  }

  /** Every occurrence of the window that overlaps [from, to), in order. */
  public static List<Occurrence> occurrences(CalendarWindow window, Instant from, Instant to) {
    return occurrences(window, from, to, UNLIMITED);
  }

  /**
   * The first {@code limit} occurrences of the window that overlap [from, to), in order; one more than
   * {@code limit} in the list says that there are more. The expansion itself stops after about that many, so
   * a rule with many occurrences a day costs what it returns, not what it could produce.
   */
  public static List<Occurrence> occurrences(CalendarWindow window, Instant from, Instant to, int limit) {
    if (!window.firstStart().isBefore(to) || !window.lastEnd().isAfter(from)) {
      return List.of();
    }
    ZoneId zone = window.timeZone();
    if (!window.recurring()) {
      Occurrence only = new Occurrence(window, startAt(window.start(), zone), endAt(window.end(), zone));
      return only.startInstant().isBefore(to) && only.endInstant().isAfter(from) ? List.of(only) : List.of();
    }
    return expand(window, from, to, true, limit);
  }

  /** {@link #occurrences} expanding every rule from the window's first occurrence (the reference). */
  static List<Occurrence> occurrencesFromFirst(CalendarWindow window, Instant from, Instant to) {
    if (!window.firstStart().isBefore(to) || !window.lastEnd().isAfter(from) || !window.recurring()) {
      return occurrences(window, from, to);
    }
    return expand(window, from, to, false, UNLIMITED);
  }

  private static List<Occurrence> expand(CalendarWindow window, Instant from, Instant to, boolean skipAhead,
      int limit) {
    ZoneId zone = window.timeZone();
    Duration wallClockLength = Duration.between(window.start(), window.end());
    Recur<ZonedDateTime> rule = rule(window.recurrence());
    // an occurrence that overlaps [from, to) starts after from - its length (a day of slack for DST)
    Instant earliest = from.minus(wallClockLength).minus(Duration.ofDays(1));
    ZonedDateTime seed = skipAhead ? laterSeed(window, rule, earliest, wallClockLength)
        : startAt(window.start(), zone);
    ZonedDateTime periodStart = earliest.isAfter(seed.toInstant()) ? earliest.atZone(zone) : seed;
    ZonedDateTime periodEnd = to.atZone(zone);
    List<Occurrence> found = new ArrayList<>();
    if (!periodStart.isBefore(periodEnd)) {
      return found;
    }
    // occurrences that start in the slack before `from` are expanded too: at most one per hour (RecurrenceLimits)
    int maxCount = limit == UNLIMITED ? UNLIMITED
        : (int) Math.min(Integer.MAX_VALUE, limit + 1 + 24 * (wallClockLength.toDays() + 2));
    for (ZonedDateTime start : rule.getDates(seed, periodStart, periodEnd, maxCount)) {
      Occurrence occurrence = occurrence(window, start.toLocalDateTime(), wallClockLength);
      if (occurrence.startInstant().isBefore(to) && occurrence.endInstant().isAfter(from)) {
        found.add(occurrence);
        if (limit != UNLIMITED && found.size() > limit) {
          break;
        }
      }
    }
    return found;
  }

  /**
   * iCal4j expands a rule from its first occurrence on, so a weekly window checked years later would walk
   * through every week in between. A DAILY or WEEKLY rule without COUNT repeats every INTERVAL days or
   * weeks: the first occurrence moved forward by whole repetitions (same weekday, same wall-clock time, so
   * the same defaults for BYDAY and BYHOUR) is an occurrence too, and the rule expanded from there yields
   * the same occurrences from one repetition after it on. Such a later start, at least a repetition before
   * {@code earliest}, is returned; for any other rule, or where the wall-clock time does not exist that day,
   * the first occurrence itself. {@code WindowScheduleTest} checks this against the full expansion.
   */
  private static ZonedDateTime laterSeed(CalendarWindow window, Recur<ZonedDateTime> rule, Instant earliest,
      Duration wallClockLength) {
    ZoneId zone = window.timeZone();
    ZonedDateTime first = startAt(window.start(), zone);
    long stepDays = switch (rule.getFrequency()) {
      case DAILY -> Math.max(1, rule.getInterval());
      case WEEKLY -> 7L * Math.max(1, rule.getInterval());
      default -> 0;
    };
    if (stepDays == 0 || rule.getCount() > 0) {
      return first;
    }
    // stay a repetition (and a day) before the earliest occurrence wanted, and before the last occurrence
    Instant last = window.lastEnd().minus(wallClockLength).minus(Duration.ofDays(1));
    Instant limit = earliest.isBefore(last) ? earliest : last;
    long days = ChronoUnit.DAYS.between(first.toLocalDate(), limit.atZone(zone).toLocalDate()) - stepDays - 1;
    for (long k = days / stepDays; k > 0; k--) {
      LocalDateTime local = window.start().plusDays(k * stepDays);
      ZonedDateTime candidate = startAt(local, zone);
      if (candidate.toLocalDateTime().equals(local) && candidate.toInstant().isBefore(limit)) {
        return candidate;
      }
    }
    return first;
  }

  private static Occurrence occurrence(CalendarWindow window, LocalDateTime localStart, Duration wallClockLength) {
    ZoneId zone = window.timeZone();
    return new Occurrence(window, startAt(localStart, zone), endAt(localStart.plus(wallClockLength), zone));
  }

  /**
   * The instants every occurrence lies within: the first start, and the last end (or {@link #UNBOUNDED}).
   * Checks what a window needs to make sense: it ends after it starts, and its start is an occurrence of
   * its rule (iCalendar leaves a start outside the rule undefined, and calendar programs disagree on it).
   */
  public static Span span(LocalDateTime start, LocalDateTime end, ZoneId zone, String recurrence) {
    ZonedDateTime first = startAt(start, zone);
    ZonedDateTime firstEnd = endAt(end, zone);
    if (!end.isAfter(start) || !firstEnd.isAfter(first)) {
      throw new IllegalArgumentException("must be after start");
    }
    if (recurrence == null) {
      return new Span(first.toInstant(), firstEnd.toInstant());
    }
    Recur<ZonedDateTime> rule = rule(recurrence);
    List<ZonedDateTime> head = rule.getDates(first, first, first.plusSeconds(1));
    if (head.stream().noneMatch(d -> d.toInstant().equals(first.toInstant()))) {
      throw new IllegalArgumentException("does not include the window's start " + start
          + " (start the window on a date and time the rule produces)");
    }
    if (rule.getCount() <= 0 && rule.getUntil() == null) {
      return new Span(first.toInstant(), UNBOUNDED);
    }
    List<ZonedDateTime> all = rule.getDates(first, first, first.plusYears(200), MAX_EXPANDED);
    if (all.size() >= MAX_EXPANDED) {
      return new Span(first.toInstant(), UNBOUNDED);
    }
    Duration wallClockLength = Duration.between(start, end);
    ZonedDateTime last = all.isEmpty() ? first : all.get(all.size() - 1);
    Instant lastEnd = endAt(last.toLocalDateTime().plus(wallClockLength), zone).toInstant();
    return new Span(first.toInstant(), lastEnd.isAfter(firstEnd.toInstant()) ? lastEnd : firstEnd.toInstant());
  }

  /** The instants a window's occurrences lie within. */
  public record Span(Instant firstStart, Instant lastEnd) {}
}
