package io.changegate.environment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.environments.decommission}: the scheduled look for idle environments. A non-production
 * environment without a deployment for {@code changegate.environments.idle-days} gives its owner group one Tasklist
 * task proposing to decommission it, once per idle period.
 *
 * @param enabled whether the scheduled check runs
 * @param interval time between two checks
 */
@ConfigurationProperties("changegate.environments.decommission")
public record DecommissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT6H") Duration interval) {}
