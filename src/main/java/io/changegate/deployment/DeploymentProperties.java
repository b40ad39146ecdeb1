package io.changegate.deployment;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.deployment}: which adapter a target without one uses, how many deployments may run at once
 * per environment, and how often the process polls. The promotion order of the environments is the environment
 * catalog's ({@code /api/environments}).
 *
 * @param maxConcurrentDeployments limit for environments neither in the environment catalog (whose {@code capacity}
 *     is their limit, {@link SlotLimits}) nor listed under {@code environments}
 * @param environments per-environment settings (for environments outside the catalog)
 * @param slotPollInterval how often a change waiting for a free slot looks again (besides being woken up)
 * @param rolloutPollInterval how often a rollout's progress is asked for
 * @param rolloutTimeout a rollout still in progress after this long has failed
 * @param validationInterval time between validation rounds during the stabilization period
 */
@ConfigurationProperties("changegate.deployment")
public record DeploymentProperties(
    @DefaultValue("sandbox") String defaultAdapter,
    @DefaultValue("5") int maxConcurrentDeployments,
    Map<String, EnvironmentSettings> environments,
    @DefaultValue("PT30S") Duration slotPollInterval,
    @DefaultValue("PT10S") Duration rolloutPollInterval,
    @DefaultValue("PT30M") Duration rolloutTimeout,
    @DefaultValue("PT1M") Duration validationInterval) {

  public DeploymentProperties {
    environments = environments == null ? Map.of() : Map.copyOf(environments);
  }

  /** Settings of one environment. */
  public record EnvironmentSettings(Integer maxConcurrentDeployments) {}

  /** How many deployments may run at once in {@code environment}. */
  public int limitOf(String environment) {
    EnvironmentSettings settings = environments.get(environment);
    return settings != null && settings.maxConcurrentDeployments() != null
        ? settings.maxConcurrentDeployments() : maxConcurrentDeployments;
  }
}
