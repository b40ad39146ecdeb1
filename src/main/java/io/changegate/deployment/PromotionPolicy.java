package io.changegate.deployment;

import io.changegate.change.Change;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.change.Target;
import io.changegate.change.TargetAdapters;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Immutable promotion: environments have an order (their position in the environment catalog); a digest may reach
 * an environment only after a successful, validated deployment of the same digest of the same service in the
 * environment before it (a change there that is COMPLETED, not a dry run, or one rolled back on purpose by a passed
 * rollback rehearsal: its deployment was validated before the rehearsal undid it). A deployment through a simulator (the
 * sandbox) earns no promotion to an environment deployed through a real adapter; it only lets the digest on to
 * another simulated deployment (the demo). The first environment of the order, and environments outside it, take
 * any digest, except a production environment: one with no environment before it takes none.
 */
@Component
public class PromotionPolicy {

  private final EnvironmentCatalog catalog;
  private final TargetAdapters adapters;
  private final ValidatedReleases validated;

  public PromotionPolicy(EnvironmentCatalog catalog, TargetAdapters adapters, ValidatedReleases validated) {
    this.catalog = catalog;
    this.adapters = adapters;
    this.validated = validated;
  }

  /** Why the change may not be promoted to its environment, or empty when it may. */
  public Optional<String> refusal(Change change) {
    Optional<EnvironmentFacts> previous = catalog.previousInPromotion(change.environment());
    if (previous.isEmpty()) {
      return catalog.isProduction(change.environment())
          ? Optional.of(change.environment() + " is a production environment with no environment before it in the"
              + " promotion order of the environment catalog: no digest can have been validated on its way there")
          : Optional.empty();
    }
    String before = previous.get().name();
    String digest = change.artifact() == null ? null : change.artifact().digest();
    if (digest == null) {
      return Optional.of("Promotion to " + change.environment() + " needs the artifact's digest: only a digest that"
          + " was deployed and validated in " + before + " may reach " + change.environment());
    }
    if (lookUp(change, before, digest).isEmpty()) {
      boolean simulatedOnly = validated.validatedIn(before, change.service(), digest, Set.of()).isPresent();
      return Optional.of("Digest " + digest + " of " + change.service() + " has no successful, validated deployment"
          + " in " + before + (simulatedOnly ? " through a real deployment adapter (a simulated deployment earns no"
              + " promotion to a real one)" : "")
          + "; deploy and validate it there before promoting it to " + change.environment());
    }
    return Optional.empty();
  }

  /** The change in the previous environment that validated this digest (for the audit trail). */
  public Optional<String> evidence(Change change) {
    Optional<EnvironmentFacts> previous = catalog.previousInPromotion(change.environment());
    if (previous.isEmpty() || change.artifact() == null || change.artifact().digest() == null) {
      return Optional.empty();
    }
    return lookUp(change, previous.get().name(), change.artifact().digest());
  }

  private Optional<String> lookUp(Change change, String environment, String digest) {
    return validated.validatedIn(environment, change.service(), digest, simulated(change) ? Set.of()
        : adapters.simulators());
  }

  /** Whether every target of the change is deployed through a simulator (nothing real is at stake). */
  private boolean simulated(Change change) {
    Set<String> simulators = adapters.simulators();
    return !change.targets().isEmpty()
        && change.targets().stream().map(Target::adapter).allMatch(simulators::contains);
  }
}
