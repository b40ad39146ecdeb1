package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.Target;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most N deployments at once per environment. A change holds one numbered slot
 * ({@code changegate_environment_slot}, primary key environment + slot number), so the limit holds under
 * concurrent transactions whatever they read. Changes that find no free slot are queued oldest first and
 * wait in the process; releasing a slot wakes them up (message {@code EnvironmentSlotFreed}). A change also
 * locks its targets while it holds its slot: one change at a time rolls out a given target.
 */
@Component
public class EnvironmentSlots {

  private final JdbcClient jdbc;
  private final DeploymentProperties properties;
  private final RuntimeService runtime;
  private final ChangeRepository changes;
  private final AuditTrail audit;
  private final TransactionTemplate savepoint;
  private final Clock clock;

  public EnvironmentSlots(JdbcClient jdbc, DeploymentProperties properties, @Lazy RuntimeService runtime,
      ChangeRepository changes, AuditTrail audit, PlatformTransactionManager transactions, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.properties = properties;
    this.runtime = runtime;
    this.changes = changes;
    this.audit = audit;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Reserves a slot in the change's environment, or queues the change (recorded once on its timeline). A
   * dry run changes nothing anywhere and takes no slot.
   */
  @Transactional
  public boolean reserveFor(String changeId) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    if (change.dryRun()) {
      return true;
    }
    boolean queuedBefore = isQueued(changeId);
    boolean reserved = reserve(changeId, change.environment(),
        change.targets().stream().map(Target::name).distinct().toList());
    int limit = properties.limitOf(change.environment());
    if (reserved) {
      audit.record(DeploymentService.SYSTEM, AuditAction.ENVIRONMENT_SLOT_RESERVED, changeId,
          Map.of("environment", change.environment(), "limit", limit));
    } else if (!queuedBefore) {
      audit.record(DeploymentService.SYSTEM, AuditAction.WAITING_FOR_ENVIRONMENT_SLOT, changeId,
          Map.of("environment", change.environment(), "limit", limit, "inUse", inUse(change.environment())));
    }
    return reserved;
  }

  private boolean isQueued(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_queue WHERE change_id = ?").param(changeId)
        .query(Long.class).single() > 0;
  }

  /**
   * True when the change holds a slot in {@code environment} and a lock on each of its {@code targets} (now or
   * already); false: it is queued.
   */
  public boolean reserve(String changeId, String environment, List<String> targets) {
    if (holds(changeId)) {
      return true;
    }
    lockEnvironment(environment);
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    if (jdbc.sql("SELECT COUNT(*) FROM changegate_environment_queue WHERE change_id = ?").param(changeId)
        .query(Long.class).single() == 0) {
      jdbc.sql("INSERT INTO changegate_environment_queue (change_id, environment, waiting_since) VALUES (?, ?, ?)")
          .params(changeId, environment, now).update();
    }
    int limit = properties.limitOf(environment);
    List<Integer> taken = jdbc.sql("SELECT slot_no FROM changegate_environment_slot WHERE environment = ?")
        .param(environment).query(Integer.class).list();
    long ahead = jdbc.sql("""
            SELECT COUNT(*) FROM changegate_environment_queue q, changegate_environment_queue me
            WHERE me.change_id = ? AND q.environment = me.environment AND q.change_id <> me.change_id
              AND (q.waiting_since < me.waiting_since
                   OR (q.waiting_since = me.waiting_since AND q.change_id < me.change_id))""")
        .param(changeId).query(Long.class).single();
    if (ahead >= limit - taken.size()) {
      return false; // older changes go first
    }
    for (int slot = 1; slot <= limit; slot++) {
      if (taken.contains(slot)) {
        continue;
      }
      int number = slot;
      try {
        savepoint.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO changegate_environment_slot (environment, slot_no, change_id, acquired_at)
                VALUES (?, ?, ?, ?)""").params(environment, number, changeId, now).update());
      } catch (DataIntegrityViolationException takenMeanwhile) {
        continue;
      }
      if (!lockTargets(changeId, environment, targets)) {
        jdbc.sql("DELETE FROM changegate_environment_slot WHERE change_id = ?").param(changeId).update();
        return false; // another change is rolling out one of these targets: wait for it
      }
      jdbc.sql("DELETE FROM changegate_environment_queue WHERE change_id = ?").param(changeId).update();
      return true;
    }
    return false;
  }

  /**
   * Serialises reservations and releases in one environment until the transaction ends, so that a change
   * which decides to wait has subscribed to the wake-up before a release looks for it.
   */
  private void lockEnvironment(String environment) {
    if (jdbc.sql("SELECT COUNT(*) FROM changegate_environment_lock WHERE environment = ?").param(environment)
        .query(Long.class).single() == 0) {
      try {
        savepoint.executeWithoutResult(status -> jdbc.sql(
            "INSERT INTO changegate_environment_lock (environment) VALUES (?)").param(environment).update());
      } catch (DataIntegrityViolationException createdMeanwhile) {
        // another transaction created it: lock it below
      }
    }
    jdbc.sql("SELECT environment FROM changegate_environment_lock WHERE environment = ? FOR UPDATE")
        .param(environment).query(String.class).single();
  }

  private boolean lockTargets(String changeId, String environment, List<String> targets) {
    try {
      savepoint.executeWithoutResult(status -> {
        for (String target : targets) {
          jdbc.sql("INSERT INTO changegate_target_lock (environment, target_name, change_id) VALUES (?, ?, ?)")
              .params(environment, target, changeId).update();
        }
      });
      return true;
    } catch (DataIntegrityViolationException lockedByAnotherChange) {
      return false;
    }
  }

  public boolean holds(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_slot WHERE change_id = ?").param(changeId)
        .query(Long.class).single() > 0;
  }

  /** Frees the change's slot (and its place in the queue) and wakes up the changes waiting there. */
  public void release(String changeId) {
    List<String> environments = jdbc.sql("SELECT environment FROM changegate_environment_slot WHERE change_id = ?")
        .param(changeId).query(String.class).list();
    environments.forEach(this::lockEnvironment);
    jdbc.sql("DELETE FROM changegate_environment_slot WHERE change_id = ?").param(changeId).update();
    jdbc.sql("DELETE FROM changegate_target_lock WHERE change_id = ?").param(changeId).update();
    jdbc.sql("DELETE FROM changegate_environment_queue WHERE change_id = ?").param(changeId).update();
    for (String environment : environments) {
      runtime.createMessageCorrelation(DeploymentProcess.MESSAGE_SLOT_FREED)
          .processInstanceVariableEquals(DeploymentProcess.DEPLOY_ENVIRONMENT.name(), environment)
          .correlateAllWithResult();
    }
  }

  /** How many changes hold a slot in {@code environment} now. */
  public int inUse(String environment) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_slot WHERE environment = ?").param(environment)
        .query(Long.class).single().intValue();
  }

  /** How many changes wait for a slot in {@code environment} now. */
  public int waiting(String environment) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_queue WHERE environment = ?").param(environment)
        .query(Long.class).single().intValue();
  }
}
