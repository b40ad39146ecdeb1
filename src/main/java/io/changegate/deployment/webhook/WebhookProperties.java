package io.changegate.deployment.webhook;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.deployment.webhook}: a deployment endpoint of your own. The adapter is configured when
 * {@code url} is set. Optional: a bearer token (property or environment variable named by
 * {@code token-property}, read at each call), a status URL to poll and a release URL that tells what runs.
 *
 * @param statusUrl polled for the rollout (placeholders {idempotencyKey}, {target}, {environment}…) when the
 *     answer to the call names none ({@code statusUrl} field or {@code Location} header)
 * @param releaseUrl answers {@code {"version": …, "digest": …}} for {target} in {environment}, or 404
 */
@ConfigurationProperties("changegate.deployment.webhook")
public record WebhookProperties(
    URI url,
    String tokenProperty,
    String statusUrl,
    String releaseUrl,
    @DefaultValue("PT10S") Duration timeout) {}
