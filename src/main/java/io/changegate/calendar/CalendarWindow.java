package io.changegate.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A blackout or maintenance window as stored. {@code start} and {@code end} are the wall-clock bounds of
 * the first occurrence in {@code timeZone}; {@code recurrence} (an RRULE, or null) repeats it, each
 * occurrence keeping the same wall-clock start and end whatever daylight saving does. Scope: a null
 * {@code service} or {@code environment} means every one. {@code firstStart}/{@code lastEnd} bound every
 * occurrence ({@code lastEnd} is {@link WindowSchedule#UNBOUNDED} for a rule without COUNT or UNTIL).
 */
public record CalendarWindow(
    String id,
    WindowKind kind,
    String title,
    String reason,
    LocalDateTime start,
    LocalDateTime end,
    ZoneId timeZone,
    String recurrence,
    String service,
    String environment,
    Instant firstStart,
    Instant lastEnd,
    String createdBy,
    Instant createdAt) {

  public boolean recurring() {
    return recurrence != null;
  }

  /** "every service in production", "payments-api in every environment", "everything". */
  public String scope() {
    if (service == null && environment == null) {
      return "everything";
    }
    return (service == null ? "every service" : service) + " in "
        + (environment == null ? "every environment" : environment);
  }
}
