package io.changegate.calendar;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The calendar until blackout and maintenance windows exist: every slot is free, and the verdict says
 * that no window was consulted.
 */
@Component
class OpenCalendar implements CalendarPort {

  @Override
  public CalendarVerdict check(String changeId, String service, String environment, Instant when) {
    return CalendarVerdict.clear("no blackout windows are defined");
  }
}
