package io.changegate.calendar;

import io.changegate.change.Level;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * How a service releases: {@code CONTINUOUS} (any time), a {@code WEEKLY} train (one day of the week, a time window)
 * or a {@code MONTHLY} one (one day of the month, a time window), in a time zone. Only changes of the risk classes
 * listed ride the train; the others deploy any time.
 */
public record ReleasePolicy(String service, Cadence cadence, DayOfWeek dayOfWeek, Integer dayOfMonth, LocalTime from,
    LocalTime to, ZoneId timeZone, Set<Level> riskClasses, String updatedBy, Instant updatedAt) {

  /** How often the train leaves. */
  public enum Cadence { CONTINUOUS, WEEKLY, MONTHLY }

  /** How far ahead a train is looked for (a monthly one is always within). */
  static final int SEARCH_DAYS = 70;

  public ReleasePolicy {
    riskClasses = riskClasses == null ? Set.of() : Set.copyOf(riskClasses);
  }

  /** Whether a change of this risk class must deploy inside a train window. */
  public boolean governs(Level risk) {
    return cadence != Cadence.CONTINUOUS && risk != null && riskClasses.contains(risk);
  }

  /** Whether the slot lies inside one train window. */
  public boolean admits(Slot slot) {
    Instant window = windowFor(slot.start(), slot.end());
    return window != null && !window.isAfter(slot.start());
  }

  /**
   * The start of the first train window from {@code from} on in which a slot of {@code duration} fits (a window
   * already open counts from {@code from}); {@code null} when none within {@value #SEARCH_DAYS} days.
   */
  public Instant nextStart(Instant from, Duration duration) {
    LocalDate day = from.atZone(timeZone).toLocalDate();
    for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!departs(day)) {
        continue;
      }
      ZonedDateTime open = day.atTime(from()).atZone(timeZone);
      ZonedDateTime close = day.atTime(to()).atZone(timeZone);
      Instant start = open.toInstant().isAfter(from) ? open.toInstant() : from;
      if (!start.plus(duration).isAfter(close.toInstant())) {
        return start;
      }
    }
    return null;
  }

  private Instant windowFor(Instant start, Instant end) {
    return nextStart(start, Duration.between(start, end));
  }

  private boolean departs(LocalDate day) {
    return switch (cadence) {
      case CONTINUOUS -> true;
      case WEEKLY -> day.getDayOfWeek() == dayOfWeek;
      case MONTHLY -> day.getDayOfMonth() == dayOfMonth;
    };
  }

  /** "weekly train, TUESDAY 10:00-12:00 Europe/Berlin, for MEDIUM, HIGH". */
  public String describe() {
    if (cadence == Cadence.CONTINUOUS) {
      return "continuous";
    }
    return (cadence == Cadence.WEEKLY ? "weekly train, " + dayOfWeek : "monthly train, day " + dayOfMonth) + " "
        + from + "-" + to + " " + timeZone.getId() + ", for " + riskClasses.stream().sorted().map(Enum::name)
            .reduce((a, b) -> a + ", " + b).orElse("no risk class");
  }
}
