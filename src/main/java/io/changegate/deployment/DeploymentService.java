package io.changegate.deployment;

import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.Migration;
import io.changegate.change.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys the targets of a change, one call at a time, exactly once per idempotency key (change id +
 * target + digest). Before a call the target is asked what it runs; the call is written down as CALLING in
 * a transaction of its own; a job re-executed after a crash (lock expiry makes execution at-least-once)
 * finds that row, asks the target again and records the deployment without a second call.
 */
@Service
public class DeploymentService {

  static final String SYSTEM = "changegate";

  private final ChangeRepository changes;
  private final DeploymentAdapters adapters;
  private final DeploymentRecords records;
  private final PromotionPolicy promotion;
  private final DeploymentProperties properties;
  private final DeploymentMetrics metrics;
  private final AuditTrail audit;

  public DeploymentService(ChangeRepository changes, DeploymentAdapters adapters, DeploymentRecords records,
      PromotionPolicy promotion, DeploymentProperties properties, DeploymentMetrics metrics, AuditTrail audit) {
    this.changes = changes;
    this.adapters = adapters;
    this.records = records;
    this.promotion = promotion;
    this.properties = properties;
    this.metrics = metrics;
    this.audit = audit;
  }

  /** Checks the promotion path and plans the targets. A refusal is recorded with its reason. */
  @Transactional
  public DeploymentPlan plan(String changeId) {
    Change change = change(changeId);
    Optional<String> refusal = promotion.refusal(change);
    boolean independent = change.targets().size() > 1 && change.targets().stream().allMatch(Target::isIndependent);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", change.environment());
    details.put("digest", change.artifact() == null ? null : change.artifact().digest());
    if (refusal.isPresent()) {
      details.put("reason", refusal.get());
      audit.record(SYSTEM, "PROMOTION_REFUSED", changeId, details);
    } else {
      promotion.evidence(change).ifPresent(id -> details.put("validatedBy", id));
      details.put("targets", change.targets().stream().map(Target::name).toList());
      details.put("rollouts", independent ? "in parallel (targets independent)" : "one after the other");
      audit.record(SYSTEM, "DEPLOYMENT_PLANNED", changeId, details);
    }
    return new DeploymentPlan(refusal.isEmpty(), refusal.orElse(null), change.targets().size(), independent,
        change.environment());
  }

  public TargetStep target(String changeId, int index) {
    Target target = change(changeId).targets().get(index);
    return new TargetStep(target.name(), adapterOf(target.adapter()), target.migration() != null);
  }

  /** Runs the target's database migration; the rollout state of the migration (FAILED when refused). */
  @Transactional
  public RolloutState runMigration(String changeId, int index) {
    Change change = change(changeId);
    Migration migration = change.targets().get(index).migration();
    if (migration == null) {
      return RolloutState.HEALTHY;
    }
    DeploymentOrder order = orderFor(change, migration.name(), DeploymentOrder.Kind.MIGRATION);
    return call(change, order, DeploymentRecords.KIND_MIGRATION, index, adapterOf(migration.adapter()));
  }

  /** Progress of the target's migration. */
  @Transactional
  public RolloutState checkMigration(String changeId, int index) {
    Change change = change(changeId);
    Migration migration = change.targets().get(index).migration();
    return rollout(change, orderFor(change, migration.name(), DeploymentOrder.Kind.MIGRATION));
  }

  /** Deploys one target; the state of its rollout (FAILED when the deployment system refused). */
  @Transactional
  public RolloutState deployTarget(String changeId, int index) {
    Change change = change(changeId);
    Target target = change.targets().get(index);
    DeploymentOrder order = orderFor(change, target.name(), DeploymentOrder.Kind.DEPLOY);
    return call(change, order, DeploymentRecords.KIND_DEPLOY, index, adapterOf(target.adapter()));
  }

  /** Progress of one target's rollout. */
  @Transactional
  public RolloutState checkRollout(String changeId, int index) {
    Change change = change(changeId);
    return rollout(change, orderFor(change, change.targets().get(index).name(), DeploymentOrder.Kind.DEPLOY));
  }

  /**
   * Every target of the change, asked again: FAILED or DEGRADED when any is, IN_PROGRESS while any is,
   * HEALTHY when all are. A target that turned bad after its own rollout is caught here.
   */
  @Transactional
  public RolloutState confirmRollouts(String changeId) {
    Change change = change(changeId);
    RolloutState overall = RolloutState.HEALTHY;
    for (Target target : change.targets()) {
      RolloutState state = rollout(change, orderFor(change, target.name(), DeploymentOrder.Kind.DEPLOY));
      if (state == RolloutState.FAILED || state == RolloutState.DEGRADED) {
        return state;
      }
      if (state == RolloutState.IN_PROGRESS) {
        overall = RolloutState.IN_PROGRESS;
      }
    }
    if (overall == RolloutState.HEALTHY) {
      audit.record(SYSTEM, "ROLLOUTS_HEALTHY", changeId,
          Map.of("targets", change.targets().stream().map(Target::name).toList()));
    }
    return overall;
  }

  public DeploymentProperties settings() {
    return properties;
  }

  private RolloutState call(Change change, DeploymentOrder order, String kind, int index, String adapterName) {
    Optional<StoredCall> stored = records.find(order.idempotencyKey());
    if (stored.isPresent() && stored.get().finished()) {
      // a job that ran to the end before: nothing to call
      return StoredCall.REFUSED.equals(stored.get().result()) ? RolloutState.FAILED : RolloutState.IN_PROGRESS;
    }
    DeploymentPort port = adapters.get(adapterName);
    Optional<Release> running = port.currentRelease(order.target(), order.environment());
    DeploymentOutcome outcome;
    String result;
    Release previous;
    if (stored.isPresent()) {
      // CALLING: an earlier attempt may have called and then crashed before its transaction committed
      previous = stored.get().previous();
      if (!order.dryRun() && order.isSatisfiedBy(running.orElse(null))) {
        outcome = DeploymentOutcome.success(order.target() + " runs " + order.version() + " already: an earlier"
            + " attempt of this job called " + port.adapter() + "; no second call", null);
        result = StoredCall.DEPLOYED;
      } else {
        outcome = port.deploy(order);
        result = resultOf(order, outcome);
      }
      records.complete(order.idempotencyKey(), result, outcome.detail(), outcome.externalRef(), outcome.output());
    } else if (!order.dryRun() && order.isSatisfiedBy(running.orElse(null))) {
      previous = running.orElse(null);
      outcome = DeploymentOutcome.success(order.target() + " already runs " + order.version() + " in "
          + order.environment() + ": nothing to do", null);
      result = StoredCall.ALREADY_RUNNING;
      records.insert(order, kind, index, port.adapter(), result, outcome.detail(), previous, null, null);
    } else {
      previous = running.orElse(null);
      if (!order.dryRun()) {
        records.recordIntent(order, kind, index, port.adapter(), previous);
      }
      outcome = port.deploy(order);
      result = resultOf(order, outcome);
      if (order.dryRun()) {
        records.insert(order, kind, index, port.adapter(), result, outcome.detail(), previous,
            outcome.externalRef(), outcome.output());
      } else {
        records.complete(order.idempotencyKey(), result, outcome.detail(), outcome.externalRef(), outcome.output());
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", order.target());
    details.put("kind", kind);
    details.put("adapter", port.adapter());
    details.put("environment", order.environment());
    details.put("version", order.version());
    details.put("digest", order.digest());
    details.put("result", result);
    details.put("detail", outcome.detail());
    if (previous != null) {
      details.put("previousVersion", previous.version());
    }
    String action = DeploymentRecords.KIND_MIGRATION.equals(kind)
        ? (outcome.succeeded() ? "MIGRATION_STARTED" : "MIGRATION_REFUSED")
        : (outcome.succeeded() ? "DEPLOYED" : "DEPLOYMENT_REFUSED");
    audit.record(SYSTEM, action, change.id(), details);
    if (DeploymentRecords.KIND_DEPLOY.equals(kind)) {
      metrics.deployed(change, order, result);
    }
    if (!outcome.succeeded()) {
      return RolloutState.FAILED;
    }
    if (order.dryRun() || StoredCall.ALREADY_RUNNING.equals(result)) {
      return RolloutState.HEALTHY;
    }
    // asked once right away: a rollout that is done at once (a command that waited, the sandbox) needs no timer
    return rollout(change, order);
  }

  private RolloutState rollout(Change change, DeploymentOrder order) {
    StoredCall call = records.find(order.idempotencyKey()).orElseThrow(() -> new IllegalStateException(
        "no deployment recorded for " + order.idempotencyKey() + "; the process asks for a rollout it never started"));
    if (StoredCall.REFUSED.equals(call.result())) {
      return RolloutState.FAILED;
    }
    if (call.dryRun()) {
      return RolloutState.HEALTHY; // a dry run starts no rollout
    }
    Rollout rollout = adapters.get(call.adapter()).rolloutState(order, call.externalRef());
    RolloutState state = rollout.state();
    if (state == RolloutState.IN_PROGRESS
        && call.deployedAt().plus(properties.rolloutTimeout()).isBefore(Instant.now())) {
      state = RolloutState.FAILED;
      rollout = Rollout.of(state, "still in progress after " + properties.rolloutTimeout() + ": " + rollout.detail());
    }
    if (!state.name().equals(call.rollout())) {
      records.updateRollout(call.idempotencyKey(), state, rollout.detail());
      if (state != RolloutState.IN_PROGRESS) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", call.target());
        details.put("kind", call.kind());
        details.put("state", state.name());
        details.put("detail", rollout.detail());
        audit.record(SYSTEM, "ROLLOUT_" + state.name(), change.id(), details);
      }
    }
    return state;
  }

  private static String resultOf(DeploymentOrder order, DeploymentOutcome outcome) {
    return !outcome.succeeded() ? StoredCall.REFUSED : order.dryRun() ? StoredCall.DRY_RUN : StoredCall.DEPLOYED;
  }

  private String adapterOf(String adapter) {
    return adapter == null ? adapters.defaultAdapter() : adapter;
  }

  private Change change(String changeId) {
    return changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
  }

  /** The order for one target (or migration) of a change; its key is change id + target + digest. */
  public static DeploymentOrder orderFor(Change change, String target, DeploymentOrder.Kind kind) {
    String version = change.artifact() == null ? null : change.artifact().version();
    String digest = change.artifact() == null ? null : change.artifact().digest();
    String key = (kind == DeploymentOrder.Kind.MIGRATION ? "migration:" : "") + change.id() + ":" + target + ":"
        + (digest != null ? digest : String.valueOf(version));
    return new DeploymentOrder(change.id(), key, kind, target, change.service(), change.environment(), version,
        digest, change.dryRun());
  }

  /** The calls of a change, for the rollback and the evidence. */
  public List<StoredCall> callsOf(String changeId) {
    return records.callsOf(changeId);
  }
}
