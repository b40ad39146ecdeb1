package io.changegate.calendar;

import java.time.Instant;

/** The change calendar: may this change deploy to its service and environment at {@code when}? */
public interface CalendarPort {

  CalendarVerdict check(String changeId, String service, String environment, Instant when);
}
