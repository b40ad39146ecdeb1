package io.changegate.calendar;

import java.time.Instant;

/** Clear to deploy, or blocked by a window until {@code blockedUntil}, with the reason. */
public record CalendarVerdict(boolean clear, String reason, Instant blockedUntil) {

  public static CalendarVerdict clear(String reason) {
    return new CalendarVerdict(true, reason, null);
  }
}
