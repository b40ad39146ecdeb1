package io.changegate.calendar;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the calendar that is not a plain component. */
@Configuration
class CalendarConfiguration {

  @Bean
  CalendarClock calendarClock(ObjectProvider<Clock> clock) {
    return new CalendarClock(clock.getIfAvailable(Clock::systemUTC));
  }
}
