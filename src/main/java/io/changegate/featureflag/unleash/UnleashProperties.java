package io.changegate.featureflag.unleash;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.featureflag.unleash}: the Unleash server (its Admin API). The adapter is configured when
 * {@code url} is set. The API token (an admin or personal access token) is read at each call from the property or
 * environment variable named by {@code token-property}; it is never stored.
 *
 * @param project the Unleash project of the flags
 * @param environments Changegate environment → Unleash environment (absent: the same name)
 */
@ConfigurationProperties("changegate.featureflag.unleash")
public record UnleashProperties(
    URI url,
    @DefaultValue("CHANGEGATE_UNLEASH_TOKEN") String tokenProperty,
    @DefaultValue("default") String project,
    Map<String, String> environments,
    @DefaultValue("PT10S") Duration timeout) {

  public String environment(String changegateEnvironment) {
    return environments == null ? changegateEnvironment
        : environments.getOrDefault(changegateEnvironment, changegateEnvironment);
  }
}
