package io.changegate.monitoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.monitoring.alerts}: the Alertmanager webhook {@code POST /api/alerts}.
 *
 * @param tokenProperty property or environment variable holding the webhook's secret, read at each request;
 *     Alertmanager sends it as a bearer token ({@code http_config.authorization.credentials}) or as the password
 *     of HTTP Basic ({@code http_config.basic_auth}) with the user {@code user}. Not set: every post is refused.
 * @param user the HTTP Basic user name Alertmanager logs in with
 * @param serviceLabel the alert label naming the service
 * @param environmentLabel the alert label naming the environment
 */
@ConfigurationProperties("changegate.monitoring.alerts")
public record AlertProperties(
    @DefaultValue("CHANGEGATE_ALERTS_TOKEN") String tokenProperty,
    @DefaultValue("alertmanager") String user,
    @DefaultValue("service") String serviceLabel,
    @DefaultValue("environment") String environmentLabel) {}
