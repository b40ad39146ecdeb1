package io.changegate.deployment;

import io.changegate.change.Change;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Immutable promotion: environments have an order ({@code changegate.deployment.promotion-order}); a
 * digest may reach an environment only after a successful, validated deployment of the same digest of the
 * same service in the environment before it (a change there that is COMPLETED, not a dry run). The first
 * environment of the order, and environments not in it, take any digest.
 */
@Component
public class PromotionPolicy {

  private final DeploymentProperties properties;
  private final ValidatedReleases validated;

  public PromotionPolicy(DeploymentProperties properties, ValidatedReleases validated) {
    this.properties = properties;
    this.validated = validated;
  }

  /** Why the change may not be promoted to its environment, or empty when it may. */
  public Optional<String> refusal(Change change) {
    Optional<String> previous = previousEnvironment(change);
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    String digest = change.artifact() == null ? null : change.artifact().digest();
    if (digest == null) {
      return Optional.of("Promotion to " + change.environment() + " needs the artifact's digest: only a digest that"
          + " was deployed and validated in " + previous.get() + " may reach " + change.environment());
    }
    if (validated.validatedIn(previous.get(), change.service(), digest).isEmpty()) {
      return Optional.of("Digest " + digest + " of " + change.service() + " has no successful, validated deployment"
          + " in " + previous.get() + "; deploy and validate it there before promoting it to " + change.environment());
    }
    return Optional.empty();
  }

  /** The change in the previous environment that validated this digest (for the audit trail). */
  public Optional<String> evidence(Change change) {
    Optional<String> previous = previousEnvironment(change);
    if (previous.isEmpty() || change.artifact() == null || change.artifact().digest() == null) {
      return Optional.empty();
    }
    return validated.validatedIn(previous.get(), change.service(), change.artifact().digest());
  }

  /** The environment before the change's in the promotion order; empty for the first or one not in the order. */
  private Optional<String> previousEnvironment(Change change) {
    List<String> order = properties.promotionOrder();
    int position = order.indexOf(change.environment());
    return position <= 0 ? Optional.empty() : Optional.of(order.get(position - 1));
  }
}
