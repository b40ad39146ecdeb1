package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.Migration;
import io.changegate.change.Target;
import io.changegate.outbound.CallOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys the targets of a change, one call at a time, exactly once per idempotency key (change id +
 * target + digest): each call goes through {@link TargetCalls} (the target is asked first, the call is written
 * down as CALLING before it is made, a retried job asks again and never calls twice), and each rollout is followed
 * with {@link RolloutWatch}.
 */
@Service
public class DeploymentService {

  static final String SYSTEM = "changegate";

  private final ChangeRepository changes;
  private final DeploymentAdapters adapters;
  private final TargetCalls calls;
  private final RolloutWatch rollouts;
  private final DeploymentMetrics metrics;
  private final AuditTrail audit;

  public DeploymentService(ChangeRepository changes, DeploymentAdapters adapters, TargetCalls calls,
      RolloutWatch rollouts, DeploymentMetrics metrics, AuditTrail audit) {
    this.changes = changes;
    this.adapters = adapters;
    this.calls = calls;
    this.rollouts = rollouts;
    this.metrics = metrics;
    this.audit = audit;
  }

  public TargetStep target(String changeId, int index) {
    Target target = change(changeId).targets().get(index);
    return new TargetStep(target.name(), target.migration() != null);
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
    return call(change, order, DeploymentRecords.KIND_MIGRATION, index, migration.adapter());
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
    return call(change, order, DeploymentRecords.KIND_DEPLOY, index, target.adapter());
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
      audit.record(SYSTEM, AuditAction.ROLLOUTS_HEALTHY, changeId,
          Map.of("targets", change.targets().stream().map(Target::name).toList()));
    }
    return overall;
  }

  /**
   * Whether the answer for a change's target confirms every rollout of the change, so that no second look is
   * needed: a change of one target whose rollout is HEALTHY (a synchronous adapter answers so in the job that
   * deployed it). With several targets, one that turned bad while the next deployed is caught by asking them all
   * again.
   */
  public static boolean confirmsEveryRollout(int targetCount, RolloutState state) {
    return targetCount == 1 && state == RolloutState.HEALTHY;
  }

  private RolloutState call(Change change, DeploymentOrder order, String kind, int index, String adapter) {
    TargetCalls.Made made = calls.deploy(order, kind, index, adapters.nameOf(adapter));
    if (made.outcome().earlier()) {
      // a job that ran to the end before: nothing to call
      return made.outcome().succeeded() ? RolloutState.IN_PROGRESS : RolloutState.FAILED;
    }
    DeploymentOutcome outcome = made.answer();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", order.target());
    details.put("kind", kind);
    details.put("adapter", made.adapter());
    details.put("environment", order.environment());
    details.put("version", order.version());
    details.put("digest", order.digest());
    details.put("result", made.result());
    details.put("detail", outcome.detail());
    if (made.before() != null) {
      details.put("previousVersion", made.before().version());
    }
    Map<String, Object> settings = adapters.get(made.adapter()).settings();
    details.put("settings", settings);
    details.put("configurationSha256", configurationSha256(settings, order));
    AuditAction action = DeploymentRecords.KIND_MIGRATION.equals(kind)
        ? (outcome.succeeded() ? AuditAction.MIGRATION_STARTED : AuditAction.MIGRATION_REFUSED)
        : (outcome.succeeded() ? AuditAction.DEPLOYED : AuditAction.DEPLOYMENT_REFUSED);
    audit.record(SYSTEM, action, change.id(), details);
    if (DeploymentRecords.KIND_DEPLOY.equals(kind)) {
      metrics.deployed(change, order, made.result());
    }
    if (!outcome.succeeded()) {
      return RolloutState.FAILED;
    }
    if (order.dryRun() || made.outcome() == CallOutcome.ALREADY_THERE) {
      return RolloutState.HEALTHY;
    }
    // asked once right away: a rollout that is done at once (a command that waited, the sandbox) needs no timer
    return rollout(change, order);
  }

  private RolloutState rollout(Change change, DeploymentOrder order) {
    RolloutWatch.Progress progress = rollouts.check(order);
    if (progress.changed() && progress.state() != RolloutState.IN_PROGRESS) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("target", progress.call().target());
      details.put("kind", progress.call().kind());
      details.put("state", progress.state().name());
      details.put("detail", progress.rollout().detail());
      audit.record(SYSTEM, AuditAction.valueOf("ROLLOUT_" + progress.state().name()), change.id(), details);
    }
    return progress.state();
  }

  /**
   * The SHA-256 of what a deployment ran with: the adapter's settings (never credentials: the settings name the property
   * that holds them) and the order (target, environment, version, digest), as canonical JSON with sorted keys. Two
   * deployments with the same hash used the same configuration.
   */
  static String configurationSha256(Map<String, Object> settings, DeploymentOrder order) {
    java.util.TreeMap<String, Object> used = new java.util.TreeMap<>();
    used.put("settings", new java.util.TreeMap<>(settings));
    used.put("target", order.target());
    used.put("environment", order.environment());
    used.put("version", String.valueOf(order.version()));
    used.put("digest", String.valueOf(order.digest()));
    try {
      byte[] json = CANONICAL.writeValueAsBytes(used);
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the deployment's configuration", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

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
}
