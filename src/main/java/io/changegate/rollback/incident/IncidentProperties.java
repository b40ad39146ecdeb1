package io.changegate.rollback.incident;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.incident}: which ITSM adapter records incidents ({@code sandbox}, the demo default, or
 * {@code webhook}), and the webhook's endpoint. Its bearer token is read at each call from the property or
 * environment variable named by {@code webhook.token-property}.
 */
@ConfigurationProperties("changegate.incident")
public record IncidentProperties(@DefaultValue("sandbox") String adapter, Webhook webhook) {

  /** The ITSM webhook: answers {@code {"id"|"reference": …, "url": …}}. */
  public record Webhook(URI url, @DefaultValue("CHANGEGATE_INCIDENT_TOKEN") String tokenProperty,
      @DefaultValue("PT10S") Duration timeout) {}
}
