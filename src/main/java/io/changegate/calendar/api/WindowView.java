package io.changegate.calendar.api;

import io.changegate.calendar.CalendarWindow;
import io.changegate.calendar.Occurrence;
import io.changegate.calendar.WindowKind;
import io.changegate.calendar.WindowSchedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A blackout or maintenance window as the API shows it: as submitted, plus the instants it spans
 * ({@code lastEnd} absent when it repeats for ever) and its next occurrences with their offsets.
 */
public record WindowView(
    String id,
    WindowKind kind,
    String title,
    String reason,
    LocalDateTime start,
    LocalDateTime end,
    String timeZone,
    String recurrence,
    String service,
    String environment,
    Instant firstStart,
    Instant lastEnd,
    List<Times> nextOccurrences,
    String createdBy,
    Instant createdAt) {

  static final int NEXT = 5;
  /** How far ahead the next occurrences are looked for. */
  static final java.time.Duration AHEAD = java.time.Duration.ofDays(5 * 366);

  /** One occurrence: instants, and wall-clock times with their offset in the window's zone. */
  public record Times(Instant start, Instant end, String localStart, String localEnd) {}

  static WindowView of(CalendarWindow w, Instant now) {
    Instant until = now.plus(AHEAD).isBefore(w.lastEnd()) ? now.plus(AHEAD) : w.lastEnd();
    List<Times> next = WindowSchedule.occurrences(w, now, until).stream().limit(NEXT)
        .map(WindowView::times).toList();
    return new WindowView(w.id(), w.kind(), w.title(), w.reason(), w.start(), w.end(), w.timeZone().getId(),
        w.recurrence(), w.service(), w.environment(), w.firstStart(),
        WindowSchedule.UNBOUNDED.equals(w.lastEnd()) ? null : w.lastEnd(), next, w.createdBy(), w.createdAt());
  }

  private static Times times(Occurrence o) {
    return new Times(o.startInstant(), o.endInstant(), o.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        o.end().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }
}
