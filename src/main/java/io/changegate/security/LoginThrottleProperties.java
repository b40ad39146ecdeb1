package io.changegate.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.security.login-throttle}: how many failed logins are allowed before a login is refused with
 * 429 for the rest of the window, counted three ways. Each window starts at the first failure it counts and
 * ends {@code window} later, whatever happens meanwhile: a lock always expires, and attempts refused while
 * locked are neither checked nor counted, so they do not extend it.
 *
 * @param pairFailures failures of one client (IP address; IPv6 by /64) for one user: that client may not try
 *     that user again
 * @param clientFailures failures of one client for any users: that client may not log in at all
 * @param userFailures failures for one user from any clients: nobody may log in as that user. Above
 *     {@code pairFailures} so that one client alone can never lock a user out
 * @param window how long each count lasts from its first failure, and the longest a lock holds
 * @param maxTracked the most counters kept (memory bound); the least used go first
 */
@ConfigurationProperties("changegate.security.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("5") int pairFailures,
    @DefaultValue("30") int clientFailures,
    @DefaultValue("20") int userFailures,
    @DefaultValue("PT15M") Duration window,
    @DefaultValue("100000") long maxTracked) {

  public LoginThrottleProperties {
    if (pairFailures < 1 || clientFailures < 1 || userFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("changegate.security.login-throttle: limits must be at least 1 and the "
          + "window positive");
    }
  }
}
