package io.changegate.deployment;

import io.changegate.change.Change;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Immutable promotion: environments have an order ({@code changegate.deployment.promotion-order}); a
 * digest may reach an environment only after a successful, validated deployment of the same digest of the
 * same service in the environment before it (a change there that is COMPLETED, not a dry run).
 */
@Component
public class PromotionPolicy {

  private final DeploymentProperties properties;
  private final JdbcClient jdbc;

  public PromotionPolicy(DeploymentProperties properties, JdbcClient jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /** Why the change may not be promoted to its environment, or empty when it may. */
  public Optional<String> refusal(Change change) {
    List<String> order = properties.promotionOrder();
    int position = order.indexOf(change.environment());
    if (position <= 0) {
      return Optional.empty();
    }
    String previous = order.get(position - 1);
    String digest = change.artifact() == null ? null : change.artifact().digest();
    if (digest == null) {
      return Optional.of("Promotion to " + change.environment() + " needs the artifact's digest: only a digest that"
          + " was deployed and validated in " + previous + " may reach " + change.environment());
    }
    Optional<String> tested = jdbc.sql("""
            SELECT id FROM changegate_change
            WHERE environment = ? AND service = ? AND artifact_digest = ? AND status = 'COMPLETED' AND dry_run = FALSE
            ORDER BY updated_at DESC""")
        .params(previous, change.service(), digest).query(String.class).list().stream().findFirst();
    if (tested.isEmpty()) {
      return Optional.of("Digest " + digest + " of " + change.service() + " has no successful, validated deployment"
          + " in " + previous + "; deploy and validate it there before promoting it to " + change.environment());
    }
    return Optional.empty();
  }

  /** The change in the previous environment that validated this digest (for the audit trail). */
  public Optional<String> evidence(Change change) {
    List<String> order = properties.promotionOrder();
    int position = order.indexOf(change.environment());
    if (position <= 0 || change.artifact() == null || change.artifact().digest() == null) {
      return Optional.empty();
    }
    return jdbc.sql("""
            SELECT id FROM changegate_change
            WHERE environment = ? AND service = ? AND artifact_digest = ? AND status = 'COMPLETED' AND dry_run = FALSE
            ORDER BY updated_at DESC""")
        .params(order.get(position - 1), change.service(), change.artifact().digest())
        .query(String.class).list().stream().findFirst();
  }
}
