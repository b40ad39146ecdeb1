package io.changegate.calendar;

import java.time.Instant;
import java.time.ZonedDateTime;

/** One occurrence of a window, in the window's time zone. */
public record Occurrence(CalendarWindow window, ZonedDateTime start, ZonedDateTime end) {

  public Instant startInstant() {
    return start.toInstant();
  }

  public Instant endInstant() {
    return end.toInstant();
  }

  public boolean overlaps(Slot slot) {
    return startInstant().isBefore(slot.end()) && endInstant().isAfter(slot.start());
  }

  public boolean contains(Slot slot) {
    return !startInstant().isAfter(slot.start()) && !endInstant().isBefore(slot.end());
  }
}
