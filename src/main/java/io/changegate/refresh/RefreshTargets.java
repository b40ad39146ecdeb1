package io.changegate.refresh;

import io.changegate.environment.Environment;
import io.changegate.environment.EnvironmentService;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Which environments may be refreshed: asked at intake and again just before a refresh runs. */
@Component
public class RefreshTargets {

  private final RefreshProperties properties;
  private final ObjectProvider<CopyPort> copies;
  private final EnvironmentService environments;

  RefreshTargets(RefreshProperties properties, ObjectProvider<CopyPort> copies, EnvironmentService environments) {
    this.properties = properties;
    this.copies = copies;
    this.environments = environments;
  }

  public String template() {
    return properties.template();
  }

  /**
   * Why {@code environment} may not be refreshed now, or empty when it may: its kind, its classification, it being
   * the source, no adapter, or no verification data source for a real adapter.
   */
  public Optional<String> refusal(String environmentName) {
    Optional<Environment> found = environments.list().stream().filter(e -> e.name().equals(environmentName))
        .findFirst();
    if (found.isEmpty()) {
      return Optional.of("environment '" + environmentName + "' is not in the catalog");
    }
    Environment environment = found.get();
    if (environment.kind().isProduction()) {
      return Optional.of("'" + environmentName + "' is a production environment: a refresh from production never"
          + " targets production");
    }
    if (properties.refusedClassifications().contains(environment.dataClassification())) {
      return Optional.of("'" + environmentName + "' is classified " + environment.dataClassification()
          + " (production-grade data, changegate.refresh.refused-classifications): it is never a refresh target");
    }
    if (environmentName.equals(properties.source())) {
      return Optional.of("'" + environmentName + "' is the refresh's source");
    }
    CopyPort copy = copies.getIfAvailable();
    if (copy == null) {
      return Optional.of("no refresh adapter is configured (changegate.refresh.adapter)");
    }
    if (!copy.simulated()) {
      RefreshProperties.Verification source = properties.target(environmentName).verification();
      if (source == null || source.url() == null || source.url().isBlank()) {
        return Optional.of("'" + environmentName + "' has no verification data source"
            + " (changegate.refresh.environments." + environmentName + ".verification.url): a refresh nobody can"
            + " verify is not run");
      }
      if (properties.queryFor(environmentName) == null || properties.queryFor(environmentName).isBlank()) {
        return Optional.of("'" + environmentName + "' has no verification query (changegate.refresh"
            + ".verification-query)");
      }
      if (properties.copyFor(environmentName).isEmpty() || properties.anonymizeFor(environmentName).isEmpty()) {
        return Optional.of("'" + environmentName + "' has no copy or anonymization program (changegate.refresh"
            + ".copy, .anonymize)");
      }
    }
    return Optional.empty();
  }

}
