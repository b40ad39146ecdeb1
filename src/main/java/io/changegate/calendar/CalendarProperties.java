package io.changegate.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the change calendar ({@code changegate.calendar}).
 *
 * @param defaultChangeDuration how long a change without {@code plannedEnd} holds its slot: a deployment
 *     that would still run when a blackout starts does not start
 * @param suggestionHorizon how far ahead the next free slot is searched
 */
@ConfigurationProperties("changegate.calendar")
public record CalendarProperties(Duration defaultChangeDuration, Duration suggestionHorizon) {

  public CalendarProperties {
    defaultChangeDuration = defaultChangeDuration == null ? Duration.ofHours(1) : defaultChangeDuration;
    suggestionHorizon = suggestionHorizon == null ? Duration.ofDays(180) : suggestionHorizon;
    if (defaultChangeDuration.isNegative() || defaultChangeDuration.isZero()) {
      throw new IllegalArgumentException("changegate.calendar.default-change-duration must be positive");
    }
  }

  public static CalendarProperties defaults() {
    return new CalendarProperties(null, null);
  }
}
