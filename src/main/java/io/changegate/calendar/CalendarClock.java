package io.changegate.calendar;

import java.time.Clock;
import java.time.Instant;

/** The calendar's notion of now: the system clock, or a {@link Clock} bean where the application defines one. */
public final class CalendarClock {

  private final Clock clock;

  public CalendarClock(Clock clock) {
    this.clock = clock;
  }

  public static CalendarClock system() {
    return new CalendarClock(Clock.systemUTC());
  }

  public Instant now() {
    return clock.instant();
  }
}
