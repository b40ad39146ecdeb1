package io.changegate.deployment;

import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import org.springframework.stereotype.Component;

/**
 * How many deployments an environment takes at once: its capacity in the environment catalog when the catalog has
 * the environment, else the configured limit ({@code changegate.deployment.environments.<name>.max-concurrent-
 * deployments}, then {@code changegate.deployment.max-concurrent-deployments}).
 */
@Component
public class SlotLimits {

  private final EnvironmentCatalog catalog;
  private final DeploymentProperties properties;

  public SlotLimits(EnvironmentCatalog catalog, DeploymentProperties properties) {
    this.catalog = catalog;
    this.properties = properties;
  }

  public int limitOf(String environment) {
    return catalog.find(environment).map(EnvironmentFacts::capacity).filter(capacity -> capacity > 0)
        .orElseGet(() -> properties.limitOf(environment));
  }
}
