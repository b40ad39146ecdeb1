package io.changegate.drift;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.drift}: how often every target Changegate deployed is asked what it runs.
 *
 * @param enabled whether the scheduled check runs (an on-demand check, {@code POST /api/drift/checks}, always can)
 * @param interval time between two scheduled checks
 */
@ConfigurationProperties("changegate.drift")
public record DriftProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT15M") Duration interval) {}
