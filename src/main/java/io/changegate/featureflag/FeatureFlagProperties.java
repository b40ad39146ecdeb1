package io.changegate.featureflag;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.featureflag}: the provider of a flag rollout that names none ({@code sandbox}, the demo default,
 * a simulator; {@code unleash} or {@code flagd} once configured).
 */
@ConfigurationProperties("changegate.featureflag")
public record FeatureFlagProperties(@DefaultValue("sandbox") String defaultProvider) {}
