package io.changegate.deployment.sandbox;

import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentOutcome;
import io.changegate.deployment.DeploymentPort;
import io.changegate.deployment.Release;
import io.changegate.deployment.Rollout;
import io.changegate.deployment.RolloutState;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo default: a simulated deployment system that keeps "what runs where" in Changegate's own
 * database ({@code changegate_sandbox_release}). It deploys nothing real and says so in every detail.
 */
@Component
public class SandboxDeploymentAdapter implements DeploymentPort {

  public static final String NAME = "sandbox";

  private final JdbcClient jdbc;
  private final SandboxDeploymentProperties properties;
  private final TransactionTemplate savepoint;
  private final Clock clock;

  public SandboxDeploymentAdapter(JdbcClient jdbc, SandboxDeploymentProperties properties,
      PlatformTransactionManager transactions, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.properties = properties;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public boolean simulator() {
    return true;
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
  public Rollout rolloutState(DeploymentOrder order, String externalRef) {
    Release running = currentRelease(order.target(), order.environment()).orElse(null);
    if (order.version() == null && order.digest() == null) {
      return running == null ? Rollout.of(RolloutState.HEALTHY, "sandbox: " + order.target() + " removed")
          : Rollout.of(RolloutState.FAILED, "sandbox: " + order.target() + " still runs " + running);
    }
    if (!order.isSatisfiedBy(running)) {
      return Rollout.of(RolloutState.FAILED, "sandbox: " + order.target() + " runs " + running + ", not "
          + order.version());
    }
    if (properties.degradedVersions().contains(order.version())
        || properties.degradedVersions().contains(order.target() + "@" + order.version())) {
      return Rollout.of(RolloutState.DEGRADED, "sandbox (simulated): " + order.target() + " " + order.version()
          + " is listed under changegate.deployment.sandbox.degraded-versions");
    }
    return Rollout.of(RolloutState.HEALTHY, "sandbox (simulated): " + order.target() + " runs " + order.version());
  }

  @Override
  public String history(String target, String environment) {
    return "sandbox (simulated) keeps only what runs now: " + target + " in " + environment + " runs "
        + currentRelease(target, environment).map(Release::toString).orElse("nothing");
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("adapter", NAME, "simulated", true, "degradedVersions", properties.degradedVersions());
  }

  @Override
  public DeploymentOutcome promote(DeploymentOrder order) {
    return DeploymentOutcome.success("sandbox (simulated): canary of " + order.target() + " in "
        + order.environment() + " promoted, traffic switched to " + order.version(), null);
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

  /**
   * Update, else insert. Two changes deploying the same target at once may both find no row: the
   * insert runs under a savepoint, so the loser's duplicate key leaves its transaction usable (PostgreSQL
   * aborts a transaction on any failed statement) and it updates the winner's row instead.
   */
  private void put(DeploymentOrder order, Release release) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    if (update(order, release, now) > 0) {
      return;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO changegate_sandbox_release (target_name, environment, version, digest, change_id, deployed_at)
              VALUES (?, ?, ?, ?, ?, ?)""")
          .params(order.target(), order.environment(), release.version(), release.digest(), order.changeId(), now)
          .update());
    } catch (DuplicateKeyException concurrentFirstDeployment) {
      update(order, release, now);
    }
  }

  private int update(DeploymentOrder order, Release release, OffsetDateTime now) {
    return jdbc.sql("""
            UPDATE changegate_sandbox_release SET version = ?, digest = ?, change_id = ?, deployed_at = ?
            WHERE target_name = ? AND environment = ?""")
        .params(release.version(), release.digest(), order.changeId(), now, order.target(), order.environment())
        .update();
  }

  private static String describe(DeploymentOrder order) {
    return order.target() + " " + order.version() + (order.digest() == null ? "" : " (" + order.digest() + ")")
        + " to " + order.environment();
  }
}
