package io.changegate.calendar;

import java.time.Duration;
import java.time.Instant;

/** A time slot [start, end): when a change runs, from its start until it is done. */
public record Slot(Instant start, Instant end) {

  public Slot {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a slot ends after it starts: " + start + " .. " + end);
    }
  }

  public static Slot of(Instant start, Duration duration) {
    return new Slot(start, start.plus(duration));
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  public boolean overlaps(Instant otherStart, Instant otherEnd) {
    return otherStart.isBefore(end) && otherEnd.isAfter(start);
  }

  @Override
  public String toString() {
    return start + " .. " + end;
  }
}
