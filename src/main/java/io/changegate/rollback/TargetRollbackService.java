package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.Migration;
import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentRecords;
import io.changegate.deployment.DeploymentService;
import io.changegate.deployment.Release;
import io.changegate.deployment.RolloutState;
import io.changegate.deployment.RolloutWatch;
import io.changegate.deployment.StoredCall;
import io.changegate.deployment.TargetCalls;
import io.changegate.outbound.CallOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rolls each deployed target back to what ran before it, last deployed first, through the adapter that deployed
 * it: each call idempotent like a deploy ({@link TargetCalls}), each rollout followed like a deploy's
 * ({@link RolloutWatch}); a target's migration is undone by its adapter or, where its checkpoint must be
 * restored, by operations.
 */
@Service
public class TargetRollbackService {

  private final ChangeService changes;
  private final DeployedTargets deployed;
  private final TargetCalls calls;
  private final RolloutWatch rollouts;
  private final AuditTrail audit;

  public TargetRollbackService(ChangeService changes, DeployedTargets deployed, TargetCalls calls,
      RolloutWatch rollouts, AuditTrail audit) {
    this.changes = changes;
    this.deployed = deployed;
    this.calls = calls;
    this.rollouts = rollouts;
    this.audit = audit;
  }

  /** The {@code index}-th target to roll back, and how its migration is undone. */
  public RollbackStep step(String changeId, int index) {
    StoredCall call = deployed.toRollBack(changeId, index);
    Optional<StoredCall> migration = deployed.migrationOf(changeId, call.targetIndex());
    if (migration.isEmpty()) {
      return new RollbackStep(call.target(), RollbackProcess.UNDO_NONE, "");
    }
    Migration declared = changes.get(changeId).targets().get(call.targetIndex()).migration();
    return declared != null && declared.needsCheckpointRestore()
        ? new RollbackStep(call.target(), RollbackProcess.UNDO_CHECKPOINT, declared.restoreCheckpoint())
        : new RollbackStep(call.target(), RollbackProcess.UNDO_ADAPTER, "");
  }

  /** Rolls one target back to what ran before it; the rollout state (FAILED when refused). */
  @Transactional
  public RolloutState rollBackTarget(String changeId, int index) {
    Change change = changes.get(changeId);
    StoredCall call = deployed.toRollBack(changeId, index);
    DeploymentOrder order = DeploymentService.orderFor(change, call.target(), DeploymentOrder.Kind.DEPLOY);
    RolloutState state = restore(change, call, order, DeploymentRecords.KIND_ROLLBACK);
    // asked once right away: a rollback that is done at once needs no timer
    return state == RolloutState.IN_PROGRESS ? checkRollback(change, index) : state;
  }

  /** Progress of one target's rollback. */
  @Transactional
  public RolloutState checkRollback(String changeId, int index) {
    return checkRollback(changes.get(changeId), index);
  }

  /** Undoes the target's database migration through its adapter (no wait: recovery is verified after). */
  @Transactional
  public boolean rollBackMigration(String changeId, int index) {
    Change change = changes.get(changeId);
    StoredCall call = deployed.toRollBack(changeId, index);
    StoredCall migration = deployed.migrationOf(changeId, call.targetIndex()).orElseThrow();
    DeploymentOrder order = DeploymentService.orderFor(change, migration.target(), DeploymentOrder.Kind.MIGRATION);
    return restore(change, migration, order, DeploymentRecords.KIND_MIGRATION_ROLLBACK) != RolloutState.FAILED;
  }

  private RolloutState checkRollback(Change change, int index) {
    StoredCall call = deployed.toRollBack(change.id(), index);
    DeploymentOrder restoring = DeploymentService.orderFor(change, call.target(), DeploymentOrder.Kind.DEPLOY)
        .restoring(call.previous());
    RolloutWatch.Progress progress = rollouts.check(restoring);
    if (progress.changed() && progress.state() != RolloutState.IN_PROGRESS) {
      audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.valueOf("ROLLBACK_ROLLOUT_" + progress.state().name()), change.id(),
          Map.of("target", call.target(), "detail", progress.rollout().detail()));
    }
    return progress.state();
  }

  private RolloutState restore(Change change, StoredCall call, DeploymentOrder order, String kind) {
    TargetCalls.Made made = calls.restore(call, order, kind);
    if (made.outcome().earlier()) {
      return made.outcome().succeeded() ? RolloutState.IN_PROGRESS : RolloutState.FAILED;
    }
    Release previous = call.previous();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", call.target());
    details.put("kind", kind);
    details.put("adapter", made.adapter());
    details.put("from", call.version());
    details.put("to", previous == null ? null : previous.version());
    details.put("result", made.result());
    details.put("detail", made.answer().detail());
    audit.record(ChangeService.SYSTEM_ACTOR, made.outcome().succeeded() ? AuditAction.TARGET_ROLLED_BACK : AuditAction.ROLLBACK_REFUSED,
        change.id(), details);
    if (!made.outcome().succeeded()) {
      return RolloutState.FAILED;
    }
    return order.dryRun() || made.outcome() == CallOutcome.ALREADY_THERE ? RolloutState.HEALTHY
        : RolloutState.IN_PROGRESS;
  }
}
