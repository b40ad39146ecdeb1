package io.changegate.monitoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.monitoring.scrape}: who may read the metrics on {@code /actuator/prometheus}.
 *
 * @param tokenProperty property or environment variable holding the scrape token, read at each request;
 *     Prometheus sends it as a bearer token ({@code authorization: {type: Bearer, credentials_file: ...}} in
 *     its {@code scrape_configs}). Not set: only an administrator (HTTP Basic) reads the metrics.
 */
@ConfigurationProperties("changegate.monitoring.scrape")
public record ScrapeProperties(@DefaultValue("CHANGEGATE_SCRAPE_TOKEN") String tokenProperty) {}
