package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.change.Target;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-over of a freed environment slot, on the real tables (shared test context): one waiting change per freed
 * slot, emergency changes first, then HIGH-risk ones, a change whose target is held passed over, an ended change never handed a slot,
 * and a change whose wake-up was lost (a node that died right after the hand-over) finding its slot on its own
 * timer without taking a second one; the limit is the catalog's capacity. Each test uses an environment of its own
 * (default limit, outside the catalog: 5).
 */
@ChangegateIntegrationTest
class EnvironmentSlotsHandOverTest {

  private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

  @Autowired EnvironmentSlots slots;
  @Autowired ChangeRepository changes;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired SlotHolders slotHolders;
  @Autowired SlotLimits limits;
  @Autowired io.changegate.environment.EnvironmentService catalog;

  @Test
  void aFreedSlotGoesToExactlyOneWaitingChangeTheOldestFirst() {
    String environment = environment();
    List<String> holders = fill(environment);
    String first = change(environment, "t-first", false);
    String second = change(environment, "t-second", false);
    assertThat(reserve(first)).isFalse();
    assertThat(reserve(second)).isFalse();

    release(holders.get(0));

    assertThat(slots.holds(first)).isTrue();
    assertThat(slots.holds(second)).isFalse();
    assertThat(slots.inUse(environment)).isEqualTo(5);
    assertThat(slots.waiting(environment)).isEqualTo(1);
    // the waiter's own job (its timer or its wake-up) finds the slot it was handed: the same answer, no second slot
    assertThat(reserve(first)).isTrue();
    assertThat(reserve(first)).isTrue();
    assertThat(slotsOf(first)).isEqualTo(1);
    assertThat(slots.inUse(environment)).isEqualTo(5);
  }

  @Test
  void anEmergencyChangeGetsTheNextSlotBeforeOlderStandardChanges() {
    String environment = environment();
    List<String> holders = fill(environment);
    String standard = change(environment, "t-standard", false);
    String emergency = change(environment, "t-emergency", true);
    assertThat(reserve(standard)).isFalse();
    assertThat(reserve(emergency)).isFalse();

    release(holders.get(0));

    assertThat(slots.holds(emergency)).isTrue();
    assertThat(slots.holds(standard)).isFalse();
    release(holders.get(1));
    assertThat(slots.holds(standard)).isTrue();
  }

  @Test
  void emergencyThenHighRiskThenTheRestTheOldestFirstWithinEachClass() {
    String environment = environment();
    List<String> holders = fill(environment);
    String standard = change(environment, "t-standard", false);
    String highOld = change(environment, "t-high-old", false, Level.HIGH);
    String highNew = change(environment, "t-high-new", false, Level.HIGH);
    String emergency = change(environment, "t-emergency", true);
    for (String waiting : List.of(standard, highOld, highNew, emergency)) {
      assertThat(reserve(waiting)).isFalse();
    }
    assertThat(slotHolders.waitingOf(standard).orElseThrow().queuedAhead())
        .as("what the change page shows as ahead of it").containsExactly(emergency, highOld, highNew);

    List<String> served = new java.util.ArrayList<>();
    for (String holder : holders.subList(0, 4)) {
      release(holder);
      List.of(standard, highOld, highNew, emergency).stream().filter(slots::holds).filter(c -> !served.contains(c))
          .forEach(served::add);
    }

    assertThat(served).containsExactly(emergency, highOld, highNew, standard);
  }

  @Test
  void theLimitIsTheCatalogsCapacityWhenTheCatalogHasTheEnvironment() {
    String environment = environment();
    catalog.create(new io.changegate.environment.EnvironmentRequest(environment, "TEST", "operations",
        List.of("sandbox"), null, "INTERNAL", null, null, 2),
        new io.changegate.environment.EnvironmentService.Editor("admin", true, List.of()));
    String first = change(environment, "t-1", false);
    String second = change(environment, "t-2", false);
    String third = change(environment, "t-3", false);

    assertThat(reserve(first)).isTrue();
    assertThat(reserve(second)).isTrue();
    assertThat(reserve(third)).as("capacity 2, not the configured default of 5").isFalse();
    assertThat(limits.limitOf(environment)).isEqualTo(2);
    assertThat(limits.limitOf("handover-not-in-catalog")).as("the configured default").isEqualTo(5);
  }

  @Test
  void aChangeWhoseTargetIsHeldWaitsWithoutBlockingTheOthersAndGetsItsTurnWhenTheTargetIsFreed() {
    String environment = environment();
    String holder = change(environment, "shared", false);
    assertThat(reserve(holder)).isTrue();
    String sameTarget = change(environment, "shared", false);
    String otherTarget = change(environment, "t-other", false);

    assertThat(reserve(sameTarget)).as("its target is held").isFalse();
    assertThat(reserve(otherTarget)).as("free slots, free target: not held back by the older waiter").isTrue();

    release(holder);

    assertThat(slots.holds(sameTarget)).isTrue();
    assertThat(slots.waiting(environment)).isZero();
  }

  @Test
  void aWaitingChangeThatHasEndedIsNotHandedASlot() {
    String environment = environment();
    List<String> holders = fill(environment);
    String cancelled = change(environment, "t-cancelled", false);
    String next = change(environment, "t-next", false);
    assertThat(reserve(cancelled)).isFalse();
    assertThat(reserve(next)).isFalse();
    transactions.executeWithoutResult(s -> changes.updateStatus(cancelled, ChangeStatus.CANCELLED, Instant.now()));

    release(holders.get(0));

    assertThat(slots.holds(cancelled)).isFalse();
    assertThat(slots.holds(next)).isTrue();
    assertThat(slots.waiting(environment)).isZero();
  }

  @Test
  void aChangeHandedASlotThatEndsPassesItOn() {
    String environment = environment();
    List<String> holders = fill(environment);
    String handed = change(environment, "t-handed", false);
    String after = change(environment, "t-after", false);
    assertThat(reserve(handed)).isFalse();
    assertThat(reserve(after)).isFalse();
    release(holders.get(0));
    assertThat(slots.holds(handed)).isTrue();

    // cancelled before it used the slot: its deployment process ends, and its end listener releases
    release(handed);

    assertThat(slots.holds(after)).isTrue();
    assertThat(slots.inUse(environment)).isEqualTo(5);
  }

  @Test
  void changesReservingTogetherWhileNobodyWaitsNeverExceedTheLimit() throws Exception {
    String environment = environment();
    catalogued(environment, 2);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(change(environment, "t-together-" + i, false));
    }
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(ids.size());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(ids.size());
    try {
      List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
      for (String id : ids) {
        answers.add(pool.submit(() -> {
          together.await();
          return reserve(id);
        }));
      }
      long reserved = 0;
      for (java.util.concurrent.Future<Boolean> answer : answers) {
        reserved += answer.get(60, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
      }

      assertThat(reserved).as("capacity 2").isEqualTo(2);
      assertThat(slots.inUse(environment)).isEqualTo(2);
      assertThat(slots.waiting(environment)).isEqualTo(4);
      assertThat(jdbc.sql("SELECT slot_no FROM changegate_environment_slot WHERE environment = ?")
          .param(environment).query(Integer.class).list()).containsExactlyInAnyOrder(1, 2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLimitLoweredBelowTheSlotsHeldLetsNoChangeInUntilFewerAreHeld() {
    String environment = environment();
    catalogued(environment, 3);
    String first = change(environment, "t-lowered-1", false);
    String second = change(environment, "t-lowered-2", false);
    String third = change(environment, "t-lowered-3", false);
    assertThat(reserve(first)).isTrue();
    assertThat(reserve(second)).isTrue();
    assertThat(reserve(third)).isTrue();
    release(first); // slots 2 and 3 held, 1 free
    jdbc.sql("UPDATE changegate_environment SET capacity = 2 WHERE name = ?").param(environment).update();
    String next = change(environment, "t-lowered-next", false);

    assertThat(reserve(next)).as("2 held, capacity 2: slot number 1 is free but not to be taken").isFalse();
    assertThat(slots.inUse(environment)).isEqualTo(2);

    release(second);
    assertThat(slots.holds(next)).as("one held now: the waiting change is handed a slot").isTrue();
    assertThat(slots.inUse(environment)).isEqualTo(2);
  }

  @Test
  void aReservationWhileNobodyWaitsDoesNotWaitForAnotherReservationsTransaction() throws Exception {
    String environment = environment();
    String first = change(environment, "t-open", false);
    String second = change(environment, "t-meanwhile", false);
    java.util.concurrent.CountDownLatch reservedFirst = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch commitFirst = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<Boolean> open = pool.submit(() -> transactions.execute(s -> {
        boolean reserved = slots.reserveFor(first);
        reservedFirst.countDown();
        await(commitFirst); // the rest of its job: the engine writes its state, then the transaction commits
        return reserved;
      }));
      assertThat(reservedFirst.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(reserve(second)).as("answered while the first reservation's transaction is still open").isTrue();

      commitFirst.countDown();
      assertThat(open.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(slots.inUse(environment)).isEqualTo(2);
    } finally {
      commitFirst.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aReleaseHoldsTheEnvironmentOnlyWhileItsTransactionCommitsAndHandsOverThen() throws Exception {
    String environment = environment();
    List<String> holders = fill(environment);
    String waiter = change(environment, "t-waiter", false);
    assertThat(reserve(waiter)).isFalse();
    String later = change(environment, "t-later", false);
    java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<?> ending = pool.submit(() -> transactions.executeWithoutResult(s -> {
        slots.release(holders.get(0));
        released.countDown();
        await(commit); // the rest of the job that ends the deployment
      }));
      assertThat(released.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      // a waiting change takes the environment's lock: it is not held by the open release
      assertThat(reserve(later)).as("answered while the release's transaction is still open").isFalse();
      assertThat(slots.holds(waiter)).as("nothing is freed before the release commits").isFalse();

      commit.countDown();
      ending.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(slots.holds(waiter)).as("the oldest waiter is handed the freed slot").isTrue();
      assertThat(slots.holds(later)).isFalse();
      assertThat(slots.inUse(environment)).isEqualTo(5);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE change_id = ? AND action = 'ENVIRONMENT_SLOT_RESERVED'"
              + " AND details LIKE ?").params(waiter, "%handedOverBy%").query(Long.class).single())
          .as("the hand-over made during the commit is on the waiter's timeline").isEqualTo(1);
    } finally {
      commit.countDown();
      pool.shutdownNow();
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void catalogued(String environment, int capacity) {
    catalog.create(new io.changegate.environment.EnvironmentRequest(environment, "TEST", "operations",
        List.of("sandbox"), null, "INTERNAL", null, null, capacity),
        new io.changegate.environment.EnvironmentService.Editor("admin", true, List.of()));
  }

  private List<String> fill(String environment) {
    List<String> holders = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = change(environment, "t-holder-" + i, false);
      assertThat(reserve(id)).isTrue();
      holders.add(id);
    }
    return holders;
  }

  private boolean reserve(String changeId) {
    return transactions.execute(s -> slots.reserveFor(changeId));
  }

  private void release(String changeId) {
    transactions.executeWithoutResult(s -> slots.release(changeId));
  }

  private long slotsOf(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_environment_slot WHERE change_id = ?").param(changeId)
        .query(Long.class).single();
  }

  private static String environment() {
    return "handover-" + ENVIRONMENTS.incrementAndGet() + "-" + System.nanoTime() % 100000;
  }

  /** A change in DEPLOYING, stored without a process (no engine instance waits for it). */
  private String change(String environment, String target, boolean emergency) {
    return change(environment, target, emergency, null);
  }

  private String change(String environment, String target, boolean emergency, Level risk) {
    Instant now = Instant.now();
    Change change = new Change(changes.nextId(), "Hand-over", null, "payments-api", environment,
        new Artifact("payments-api", "1.0.0", Changes.newDigest()), Level.LOW, Level.LOW, false, false, null, emergency,
        emergency ? "outage" : null, null, null, List.of(new Target("sandbox", target)), null, null, false,
        "requester", ChangeStatus.DEPLOYING, emergency ? ChangeType.EMERGENCY : ChangeType.STANDARD, null, risk, now,
        now);
    transactions.executeWithoutResult(s -> changes.insert(change));
    return change.id();
  }
}
