package io.changegate.emergency.process;

import io.changegate.emergency.EmergencyProperties;
import io.changegate.engine.CallableFromModels;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Due dates of the emergency flow, for the diagram: {@code camunda:dueDate="${emergencyDeadlines.ecabDue()}"}
 * and the escalation timers at the same instant.
 */
@CallableFromModels
@Component("emergencyDeadlines")
public class EmergencyDeadlines {

  private final EmergencyProperties properties;
  private final Clock clock;

  public EmergencyDeadlines(EmergencyProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  public Date ecabDue() {
    return Date.from(clock.instant().plus(properties.ecabDue()));
  }

  /** Now plus the configured number of business days (Saturdays and Sundays do not count). */
  public Date pirDue() {
    ZonedDateTime due = clock.instant().atZone(properties.businessTimeZone());
    int left = properties.pirBusinessDays();
    while (left > 0) {
      due = due.plusDays(1);
      if (due.getDayOfWeek() != DayOfWeek.SATURDAY && due.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return Date.from(due.toInstant());
  }
}
