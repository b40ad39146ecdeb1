package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.change.Target;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most N deployments at once per environment. A change holds one numbered slot
 * ({@code changegate_environment_slot}, primary key environment + slot number), so the limit holds under
 * concurrent transactions whatever they read. A change also locks its targets while it holds its slot: one change
 * at a time rolls out a given target.
 *
 * <p>While nobody waits, a change takes a free slot without the environment's lock. Changes that find no free slot
 * (or a target held by another change) wait in the environment's queue; from then on free slots are handed out by the
 * queue itself, under the environment's lock, in one order: emergency changes first,
 * then changes whose FMEA rated them HIGH risk, then the rest, the oldest first within each class (the same
 * priority as the bookings of the environment); a waiting change whose targets are held by another change is passed over (it does not block the
 * environment) and gets its turn when they are freed. A release hands the freed slot over as the releasing
 * transaction commits: the slot row is written for exactly one waiting change (or none), which is then woken up after
 * the commit
 * ({@link SlotHandedOver}). The waiting change's own job only finds the slot it holds: a lost or failed wake-up
 * costs at most one {@code slot-poll-interval}, and neither the wake-up nor the waiter's timer can fail the job
 * that freed the slot.
 */
@Component
public class EnvironmentSlots {

  private final JdbcClient jdbc;
  private final SlotLimits limits;
  private final ChangeRepository changes;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate savepoint;
  private final Clock clock;
  /** Per environment, the slot numbers this node's open transactions are inserting (see {@link #freeNumber}). */
  private final Map<String, Set<Integer>> beingTaken = new ConcurrentHashMap<>();

  public EnvironmentSlots(JdbcClient jdbc, SlotLimits limits, ChangeRepository changes,
      AuditTrail audit, ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.limits = limits;
    this.changes = changes;
    this.audit = audit;
    this.events = events;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * True when the change holds a slot in its environment and a lock on each of its targets — taken now, or handed
   * over to it while it waited; false: it waits in the queue (recorded once on its timeline). A dry run changes
   * nothing anywhere and takes no slot. Idempotent: the job that asks again (a timer, a wake-up, a retry) gets
   * the same answer.
   */
  @Transactional
  public boolean reserveFor(String changeId) {
    if (holds(changeId)) {
      return true;
    }
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    if (change.dryRun()) {
      return true;
    }
    String environment = change.environment();
    if (takeWhileNobodyWaits(change)) {
      return true;
    }
    lockEnvironment(environment);
    if (holds(changeId)) {
      return true; // handed over while this transaction waited for the lock
    }
    boolean queuedBefore = isQueued(changeId);
    if (!queuedBefore) {
      jdbc.sql("INSERT INTO changegate_environment_queue (change_id, environment, waiting_since) VALUES (?, ?, ?)")
          .params(changeId, environment, now()).update();
    }
    List<String> handed = handOut(environment, null);
    boolean reserved = handed.remove(changeId);
    wakeUp(handed);
    if (!reserved && !queuedBefore) {
      audit.record(DeploymentService.SYSTEM, AuditAction.WAITING_FOR_ENVIRONMENT_SLOT, changeId,
          Map.of("environment", environment, "limit", limits.limitOf(environment), "inUse", inUse(environment)));
    }
    return reserved;
  }

  /**
   * The usual case, without the environment's lock: nobody waits, a slot is free and the change's targets too. The
   * limit still holds (a slot is a numbered row, numbers up to the limit, one row per number), and a change that
   * waits keeps its turn: as soon as one waits, every reservation goes through the lock and the queue. Without the
   * lock, the job that reserves does not hold every other reservation and release of the environment until it
   * commits.
   */
  private boolean takeWhileNobodyWaits(Change change) {
    String environment = change.environment();
    if (waiting(environment) > 0) {
      return false;
    }
    List<String> targets = targetsOf(change);
    int limit = limits.limitOf(environment);
    if (slotNumbers(environment).stream().anyMatch(number -> number > limit)) {
      return false; // the limit was lowered below a slot still held: only the queue counts then
    }
    if (anyHeld(environment, targets) || !take(change.id(), environment, limit, targets)) {
      return false; // the locked way decides: it waits in the queue, or a slot was freed meanwhile
    }
    recordReserved(change.id(), environment, limit, null);
    return true;
  }

  /**
   * Frees the change's slot, its target locks and its place in the queue, and hands the freed slot over to the next
   * waiting change; the changes handed a slot are woken up after the commit. Within a transaction this is done when
   * it commits, after the engine has written its own state: the environment's lock is then held for the hand-over
   * and the commit only, not for the rest of the job that ends the deployment (its history, the parent processes'
   * ends), which made every reservation and release of the environment wait for it. Nothing in the transaction
   * after this call sees the slot freed, and nothing in it needs to.
   */
  public void release(String changeId) {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      audit.expectEntriesAtCommit(); // the hand-over's entries are recorded during the commit
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public int getOrder() {
          return HIGHEST_PRECEDENCE; // before the audit trail appends what the transaction recorded
        }

        @Override
        public void beforeCommit(boolean readOnly) {
          releaseNow(changeId);
        }
      });
    } else {
      releaseNow(changeId);
    }
  }

  private void releaseNow(String changeId) {
    List<String> environments = jdbc.sql("""
            SELECT environment FROM changegate_environment_slot WHERE change_id = ?
            UNION SELECT environment FROM changegate_environment_queue WHERE change_id = ?""")
        .params(changeId, changeId).query(String.class).list();
    environments.forEach(this::lockEnvironment);
    jdbc.sql("DELETE FROM changegate_environment_slot WHERE change_id = ?").param(changeId).update();
    jdbc.sql("DELETE FROM changegate_target_lock WHERE change_id = ?").param(changeId).update();
    jdbc.sql("DELETE FROM changegate_environment_queue WHERE change_id = ?").param(changeId).update();
    List<String> handed = new ArrayList<>();
    for (String environment : environments) {
      handed.addAll(handOut(environment, changeId));
    }
    wakeUp(handed);
  }

  /**
   * Gives the environment's free slots to waiting changes, in queue order, passing over those whose targets another
   * change holds; a waiting change that has ended meanwhile leaves the queue. Runs under the environment's lock.
   *
   * @param freedBy the change whose release freed a slot, for the timeline (null: a reservation)
   * @return the changes that now hold a slot they did not hold before
   */
  private List<String> handOut(String environment, String freedBy) {
    int limit = limits.limitOf(environment);
    List<String> handed = new ArrayList<>();
    if (inUse(environment) >= limit) {
      return handed;
    }
    List<String> queue = queueOf(jdbc, environment);
    for (String waiting : queue) {
      Optional<Change> change = changes.find(waiting);
      if (change.isEmpty() || change.get().status().isFinal()) {
        dequeue(waiting); // ended while it waited (its release found nothing to free)
        continue;
      }
      List<String> targets = targetsOf(change.get());
      if (anyHeld(environment, targets)) {
        continue; // another change rolls out one of its targets: it keeps its place and its turn comes then
      }
      if (take(waiting, environment, limit, targets)) {
        handed.add(waiting);
        recordReserved(waiting, environment, limit, freedBy);
      } else if (!anyHeld(environment, targets)) {
        break; // no slot left
      }
    }
    return handed;
  }

  private void recordReserved(String changeId, String environment, int limit, String freedBy) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", environment);
    details.put("limit", limit);
    if (freedBy != null) {
      details.put("handedOverBy", freedBy);
    }
    audit.record(DeploymentService.SYSTEM, AuditAction.ENVIRONMENT_SLOT_RESERVED, changeId, details);
  }

  /**
   * The changes waiting for a slot of {@code environment}, in hand-over order: emergency changes, then HIGH-risk
   * changes, then the rest; the oldest first within each class.
   */
  static List<String> queueOf(JdbcClient jdbc, String environment) {
    return jdbc.sql("""
            SELECT q.change_id
            FROM changegate_environment_queue q LEFT JOIN changegate_change c ON c.id = q.change_id
            WHERE q.environment = ?
            ORDER BY CASE WHEN c.emergency = TRUE OR c.change_type = ? THEN 0 WHEN c.risk_level = ? THEN 1 ELSE 2 END,
              q.waiting_since, q.change_id""")
        .params(environment, ChangeType.EMERGENCY.name(), Level.HIGH.name())
        .query(String.class).list();
  }

  private boolean anyHeld(String environment, List<String> targets) {
    for (String target : targets) {
      if (jdbc.sql("SELECT COUNT(*) FROM changegate_target_lock WHERE environment = ? AND target_name = ?")
          .params(environment, target).query(Long.class).single() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lowest free slot number up to {@code limit} and the locks of {@code targets} for the change, or nothing: no
   * slot is free, or a target is held. A slot number that another transaction took meanwhile (a reservation that did
   * not need the environment's lock) is not a refusal: the next free number is tried.
   */
  private boolean take(String changeId, String environment, int limit, List<String> targets) {
    for (int attempt = 0; attempt < limit; attempt++) {
      List<Integer> taken = slotNumbers(environment);
      if (taken.size() >= limit) {
        return false;
      }
      int number = freeNumber(environment, taken, limit);
      if (number > limit) {
        return false;
      }
      try {
        savepoint.executeWithoutResult(status -> {
          for (String target : targets) {
            jdbc.sql("INSERT INTO changegate_target_lock (environment, target_name, change_id) VALUES (?, ?, ?)")
                .params(environment, target, changeId).update();
          }
          jdbc.sql("""
                  INSERT INTO changegate_environment_slot (environment, slot_no, change_id, acquired_at)
                  VALUES (?, ?, ?, ?)""").params(environment, number, changeId, now()).update();
        });
      } catch (DataIntegrityViolationException takenMeanwhile) {
        // the savepoint undid this change's part; a held target is a refusal, a taken slot number is not
        if (anyHeld(environment, targets)) {
          return false;
        }
        continue;
      }
      dequeue(changeId);
      return true;
    }
    return false;
  }

  /**
   * The lowest slot number that is neither taken nor being taken by another transaction of this node, else the lowest
   * that is not taken (a number above the limit: none is free). Two reservations on this node then insert different
   * numbers and neither waits for the other's commit; on two nodes they may pick the same one, and the later waits
   * for the earlier and tries the next.
   */
  private int freeNumber(String environment, List<Integer> taken, int limit) {
    Set<Integer> claimed = beingTaken.computeIfAbsent(environment, e -> ConcurrentHashMap.newKeySet());
    int lowest = 1;
    while (taken.contains(lowest)) {
      lowest++;
    }
    for (int number = lowest; number <= limit; number++) {
      if (!taken.contains(number) && claimed.add(number)) {
        forgetAtTheEnd(claimed, number);
        return number;
      }
    }
    return lowest;
  }

  private static void forgetAtTheEnd(Set<Integer> claimed, int number) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          claimed.remove(number);
        }
      });
    } else {
      claimed.remove(number);
    }
  }

  private List<Integer> slotNumbers(String environment) {
    return jdbc.sql("SELECT slot_no FROM changegate_environment_slot WHERE environment = ?")
        .param(environment).query(Integer.class).list();
  }

  private void dequeue(String changeId) {
    jdbc.sql("DELETE FROM changegate_environment_queue WHERE change_id = ?").param(changeId).update();
  }

  private static List<String> targetsOf(Change change) {
    return change.targets().stream().map(Target::name).distinct().toList();
  }

  /** After the commit, each change handed a slot is woken up; before it, nothing is sent to the engine. */
  private void wakeUp(List<String> handed) {
    if (!handed.isEmpty()) {
      events.publishEvent(new SlotHandedOver(List.copyOf(handed)));
    }
  }

  private boolean isQueued(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_queue WHERE change_id = ?").param(changeId)
        .query(Long.class).single() > 0;
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  /**
   * Serialises reservations and releases in one environment until the transaction ends: a change that decides to
   * wait is in the queue before a release looks there, and two releases never hand out the same slot.
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

  public boolean holds(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_slot WHERE change_id = ?").param(changeId)
        .query(Long.class).single() > 0;
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

  /** Published when changes were handed a slot; delivered after the commit (the engine adapter wakes them up). */
  public record SlotHandedOver(List<String> changeIds) {}
}
