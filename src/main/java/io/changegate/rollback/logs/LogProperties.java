package io.changegate.rollback.logs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.rollback.logs}: where a rollback's evidence reads the last lines of the service's logs.
 *
 * @param source {@code none} (the default: the evidence says no source is configured) or {@code loki}
 * @param lines how many lines, the newest, at most 5000
 * @param lookBehind how far before the rollback the lines are looked for
 * @param loki Loki's HTTP API: base URL, the LogQL stream selector template ({@code {service}},
 *     {@code {environment}}), the property holding a bearer token if Loki needs one, the tenant
 *     ({@code X-Scope-OrgID}) if multi-tenant, the timeout
 */
@ConfigurationProperties("changegate.rollback.logs")
public record LogProperties(@DefaultValue("none") String source, @DefaultValue("200") int lines,
    @DefaultValue("PT1H") Duration lookBehind, @DefaultValue Loki loki) {

  public LogProperties {
    lines = Math.max(1, Math.min(lines, 5000));
  }

  public record Loki(String url, @DefaultValue("{service=\"{service}\",environment=\"{environment}\"}") String query,
      String tokenProperty, String tenant, @DefaultValue("PT10S") Duration timeout) {}
}
