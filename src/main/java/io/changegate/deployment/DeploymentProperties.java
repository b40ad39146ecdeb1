package io.changegate.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code changegate.deployment}: which adapter a target without one uses. */
@ConfigurationProperties("changegate.deployment")
public record DeploymentProperties(@DefaultValue("sandbox") String defaultAdapter) {}
