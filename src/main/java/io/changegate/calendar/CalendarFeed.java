package io.changegate.calendar;

import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What the calendar shows for a period: the planned changes, and every occurrence of the blackout and
 * maintenance windows, each with its instants and its wall-clock times in the window's zone.
 */
@Service
public class CalendarFeed {

  /** The most occurrences of one window in one answer. */
  public static final int MAX_OCCURRENCES_PER_WINDOW = 1_000;
  /** The most entries (changes and window occurrences) in one answer. */
  public static final int MAX_ENTRIES = 10_000;

  private final WindowRepository windows;
  private final ScheduledChanges changes;
  private final CalendarProperties properties;

  public CalendarFeed(WindowRepository windows, ScheduledChanges changes, CalendarProperties properties) {
    this.windows = windows;
    this.changes = changes;
    this.properties = properties;
  }

  /**
   * The calendar of [from, to), optionally narrowed to what concerns one service and/or environment. An answer
   * holds at most {@value #MAX_OCCURRENCES_PER_WINDOW} occurrences of one window and {@value #MAX_ENTRIES}
   * entries (changes and occurrences) in all; beyond, it is cut at the latest start and says
   * {@code truncated}: ask for a shorter period.
   */
  public Period period(Instant from, Instant to, String service, String environment) {
    List<ChangeEntry> changeEntries = changes.between(from, to, properties.defaultChangeDuration(), service,
            environment, MAX_ENTRIES + 1).stream()
        .map(c -> new ChangeEntry(c.id(), c.title(), c.service(), c.environment(), c.status(), c.type(), c.start(),
            c.end()))
        .toList();
    boolean truncated = changeEntries.size() > MAX_ENTRIES;
    List<CalendarWindow> inPeriod = windows.between(from, to).stream()
        .filter(w -> service == null || w.service() == null || service.equals(w.service()))
        .filter(w -> environment == null || w.environment() == null || environment.equals(w.environment()))
        .toList();
    List<OccurrenceEntry> blackouts = new ArrayList<>();
    List<OccurrenceEntry> maintenance = new ArrayList<>();
    for (CalendarWindow window : inPeriod) {
      List<Occurrence> occurrences = WindowSchedule.occurrences(window, from, to, MAX_OCCURRENCES_PER_WINDOW);
      if (occurrences.size() > MAX_OCCURRENCES_PER_WINDOW) {
        truncated = true;
        occurrences = occurrences.subList(0, MAX_OCCURRENCES_PER_WINDOW);
      }
      for (Occurrence o : occurrences) {
        (window.kind() == WindowKind.BLACKOUT ? blackouts : maintenance).add(OccurrenceEntry.of(o));
      }
    }
    Comparator<OccurrenceEntry> order = Comparator.comparing(OccurrenceEntry::start)
        .thenComparing(OccurrenceEntry::windowId);
    blackouts.sort(order);
    maintenance.sort(order);
    List<ChangeEntry> keptChanges = changeEntries;
    if (changeEntries.size() + blackouts.size() + maintenance.size() > MAX_ENTRIES) {
      truncated = true;
      Instant cut = latestStartKept(changeEntries, blackouts, maintenance);
      keptChanges = changeEntries.stream().filter(c -> c.start().isBefore(cut)).toList();
      blackouts.removeIf(o -> !o.start().isBefore(cut));
      maintenance.removeIf(o -> !o.start().isBefore(cut));
    }
    return new Period(from, to, truncated, keptChanges, blackouts, maintenance, inPeriod);
  }

  /** The start before which at most {@link #MAX_ENTRIES} entries begin. */
  private static Instant latestStartKept(List<ChangeEntry> changes, List<OccurrenceEntry> blackouts,
      List<OccurrenceEntry> maintenance) {
    List<Instant> starts = new ArrayList<>();
    changes.forEach(c -> starts.add(c.start()));
    blackouts.forEach(o -> starts.add(o.start()));
    maintenance.forEach(o -> starts.add(o.start()));
    starts.sort(Comparator.naturalOrder());
    return starts.get(MAX_ENTRIES);
  }

  /**
   * A period of the calendar. {@code truncated}: the answer was cut at the bounds of {@link #period}, so later
   * entries are missing. {@code windows} (not serialised) are the windows themselves, which the iCalendar feed
   * publishes with their recurrence rules.
   */
  public record Period(Instant from, Instant to, boolean truncated, List<ChangeEntry> changes,
      List<OccurrenceEntry> blackouts,
      List<OccurrenceEntry> maintenanceWindows,
      @com.fasterxml.jackson.annotation.JsonIgnore List<CalendarWindow> windows) {}

  /** A planned change in the calendar. */
  public record ChangeEntry(String id, String title, String service, String environment, ChangeStatus status,
      ChangeType type, Instant start, Instant end) {}

  /**
   * One occurrence of a window: instants ({@code start}, {@code end}) and wall-clock times with their offset
   * in the window's zone ({@code localStart}, {@code localEnd}).
   */
  public record OccurrenceEntry(String windowId, String title, String reason, String service, String environment,
      String timeZone, String recurrence, Instant start, Instant end, String localStart, String localEnd) {

    static OccurrenceEntry of(Occurrence o) {
      CalendarWindow w = o.window();
      return new OccurrenceEntry(w.id(), w.title(), w.reason(), w.service(), w.environment(), w.timeZone().getId(),
          w.recurrence(), o.startInstant(), o.endInstant(), o.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          o.end().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
  }
}
