package io.changegate.deployment.sandbox;

import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentOutcome;
import io.changegate.deployment.DeploymentPort;
import io.changegate.deployment.Release;
import io.changegate.deployment.RolloutState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo default: a simulated deployment system that keeps "what runs where" in Changegate's own
 * database ({@code changegate_sandbox_release}). It deploys nothing real and says so in every detail.
 */
@Component
public class SandboxDeploymentAdapter implements DeploymentPort {

  public static final String NAME = "sandbox";

  private final JdbcClient jdbc;

  public SandboxDeploymentAdapter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public Optional<Release> currentRelease(String target, String environment) {
    return jdbc.sql("SELECT version, digest FROM changegate_sandbox_release WHERE target_name = ? AND environment = ?")
        .params(target, environment)
        .query((rs, n) -> new Release(rs.getString(1), rs.getString(2)))
        .optional();
  }

  @Override
  public DeploymentOutcome deploy(DeploymentOrder order) {
    if (order.dryRun()) {
      return DeploymentOutcome.success("sandbox dry-run: would deploy " + describe(order), null);
    }
    put(order, new Release(order.version(), order.digest()));
    return DeploymentOutcome.success("sandbox: deployed " + describe(order), "sandbox:" + order.idempotencyKey());
  }

  @Override
  public RolloutState rolloutState(DeploymentOrder order) {
    return order.isSatisfiedBy(currentRelease(order.target(), order.environment()).orElse(null))
        ? RolloutState.HEALTHY : RolloutState.FAILED;
  }

  @Override
  public DeploymentOutcome rollback(DeploymentOrder order, Release previous) {
    if (order.dryRun()) {
      return DeploymentOutcome.success("sandbox dry-run: would roll back " + order.target() + " to " + previous, null);
    }
    if (previous == null) {
      jdbc.sql("DELETE FROM changegate_sandbox_release WHERE target_name = ? AND environment = ?")
          .params(order.target(), order.environment()).update();
      return DeploymentOutcome.success("sandbox: removed " + order.target() + " (nothing ran before)", null);
    }
    put(order, previous);
    return DeploymentOutcome.success("sandbox: rolled back " + order.target() + " to " + previous.version(), null);
  }

  private void put(DeploymentOrder order, Release release) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated = jdbc.sql("""
            UPDATE changegate_sandbox_release SET version = ?, digest = ?, change_id = ?, deployed_at = ?
            WHERE target_name = ? AND environment = ?""")
        .params(release.version(), release.digest(), order.changeId(), now, order.target(), order.environment())
        .update();
    if (updated == 0) {
      jdbc.sql("""
              INSERT INTO changegate_sandbox_release (target_name, environment, version, digest, change_id, deployed_at)
              VALUES (?, ?, ?, ?, ?, ?)""")
          .params(order.target(), order.environment(), release.version(), release.digest(), order.changeId(), now)
          .update();
    }
  }

  private static String describe(DeploymentOrder order) {
    return order.target() + " " + order.version() + (order.digest() == null ? "" : " (" + order.digest() + ")")
        + " to " + order.environment();
  }
}
