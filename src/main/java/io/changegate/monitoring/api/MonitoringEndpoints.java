package io.changegate.monitoring.api;

import io.changegate.monitoring.AlertProperties;
import io.changegate.monitoring.ScrapeProperties;
import io.changegate.security.SharedSecretEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The endpoints monitoring systems call with their own secret (security's {@link SharedSecretEndpoint}): Alertmanager
 * posts to the webhook, Prometheus scrapes the metrics.
 */
@Configuration
class MonitoringEndpoints {

  /** {@code POST /api/alerts}: the webhook's secret as a bearer token, or as the password of its HTTP Basic user. */
  @Bean
  SharedSecretEndpoint alertWebhookEndpoint(AlertProperties alerts) {
    return new SharedSecretEndpoint(HttpMethod.POST, "/api/alerts", alerts.user(), alerts.tokenProperty(),
        alerts.user(), false,
        "The Alertmanager webhook needs its bearer token (or HTTP Basic with the webhook user and token)");
  }

  /** {@code /actuator/prometheus}: the scrape token as a bearer token, or an administrator. */
  @Bean
  SharedSecretEndpoint metricsScrapeEndpoint(ScrapeProperties scrape) {
    return new SharedSecretEndpoint(null, "/actuator/prometheus", "prometheus", scrape.tokenProperty(), null, true,
        "The metrics need the scrape token as a bearer token (or an administrator's HTTP Basic login)");
  }
}
