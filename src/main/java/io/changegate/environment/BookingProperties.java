package io.changegate.environment;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.environments.booking}: team quotas of the bookings of non-production environments. When bookings
 * contend, a team's bookings beyond its quota (among the contended ones, the earliest requested first) rank after
 * every booking within quota of the same criticality; an emergency booking is never held back by a quota.
 *
 * @param defaultTeamQuota bookings a team may hold among the contended bookings of an environment not listed below
 * @param teamQuotas per environment: the quota of each team there
 */
@ConfigurationProperties("changegate.environments.booking")
public record BookingProperties(@DefaultValue("2") int defaultTeamQuota, Map<String, Integer> teamQuotas) {

  public BookingProperties {
    teamQuotas = teamQuotas == null ? Map.of() : Map.copyOf(teamQuotas);
  }

  /** The quota of any team in {@code environment}. */
  public int quotaOf(String environment) {
    Integer quota = teamQuotas.get(environment);
    return quota != null && quota > 0 ? quota : Math.max(1, defaultTeamQuota);
  }
}
