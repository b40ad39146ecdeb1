package io.changegate.environment;

import io.changegate.change.TargetAdapters;
import io.changegate.engine.Actor;
import io.changegate.web.InvalidRequestException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start: writes the configured seed environments that the catalog does not have yet
 * ({@code changegate.environments.seed}), then refuses to start outside the demo profile while any environment of the
 * catalog allows a simulated deployment adapter (the sandbox): outside the demo, nothing may pass for a deployment
 * that is not one.
 */
@Component
class EnvironmentSeeder implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentSeeder.class);

  private final EnvironmentService environments;
  private final EnvironmentValidator validator;
  private final EnvironmentProperties properties;
  private final TargetAdapters adapters;

  EnvironmentSeeder(EnvironmentService environments, EnvironmentValidator validator, EnvironmentProperties properties,
      TargetAdapters adapters) {
    this.environments = environments;
    this.validator = validator;
    this.properties = properties;
    this.adapters = adapters;
  }

  @Override
  public void afterSingletonsInstantiated() {
    EnvironmentService.Editor system = new EnvironmentService.Editor(Actor.SYSTEM, true, List.of());
    for (EnvironmentRequest seed : properties.seed()) {
      if (seed.name() != null && environments.find(seed.name()).isPresent()) {
        continue;
      }
      try {
        environments.create(seed, system);
        LOG.info("Environment catalog: seeded {}", seed.name());
      } catch (InvalidRequestException invalid) {
        throw new IllegalStateException("changegate.environments.seed: environment '" + seed.name() + "' is invalid: "
            + invalid.errors(), invalid);
      }
    }
    if (!validator.simulatorsAllowed()) {
      List<String> simulated = environments.list().stream()
          .filter(e -> e.allowedAdapters().stream().anyMatch(adapters.simulators()::contains))
          .map(e -> e.name() + " " + e.allowedAdapters()).toList();
      if (!simulated.isEmpty()) {
        throw new IllegalStateException("The environment catalog allows a simulated deployment adapter "
            + adapters.simulators() + " outside the demo profile: " + simulated + ". A simulator deploys nothing; "
            + "remove it from these environments' allowed adapters (PUT /api/environments/{name} in the demo "
            + "profile, or in the database) before starting without the demo profile.");
      }
    }
  }
}
