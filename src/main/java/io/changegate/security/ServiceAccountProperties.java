package io.changegate.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.security.service-accounts}: how long a pipeline's token lives when its creator names no expiry,
 * and the longest it may live.
 */
@ConfigurationProperties("changegate.security.service-accounts")
public record ServiceAccountProperties(
    @DefaultValue("P90D") Duration defaultLifetime,
    @DefaultValue("P365D") Duration maxLifetime) {

  public ServiceAccountProperties {
    if (defaultLifetime.isNegative() || defaultLifetime.isZero() || maxLifetime.compareTo(defaultLifetime) < 0) {
      throw new IllegalArgumentException("changegate.security.service-accounts: the default lifetime must be "
          + "positive and at most max-lifetime");
    }
  }
}
