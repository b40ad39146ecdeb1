package io.changegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail is a hash chain that concurrent writers cannot fork and an edit cannot hide in. */
@ChangegateIntegrationTest
class AuditTrailTest {

  @LocalServerPort int port;
  @Autowired AuditTrail audit;
  @Autowired AuditVerifier verifier;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void concurrentTransactionsAppendOneUnbrokenChain() throws Exception {
    long before = count("writer-%");
    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          int n = i;
          // two entries per transaction, written together just before commit
          transactions.executeWithoutResult(status -> {
            audit.record("writer-" + thread, AuditAction.SUBMITTED, null, Map.of("n", n, "part", 1));
            audit.record("writer-" + thread, AuditAction.SUBMITTED, null, Map.of("n", n, "part", 2));
          });
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(count("writer-%") - before).isEqualTo(threads * perThread * 2L);
    AuditVerification verification = verifier.verify();
    assertThat(verification.intact()).as(verification.toString()).isTrue();
    long sharedPredecessors = jdbc.sql("SELECT COUNT(*) - COUNT(DISTINCT prev_hash) FROM changegate_audit")
        .query(Long.class).single();
    assertThat(sharedPredecessors).as("no two entries share a predecessor: the chain did not fork").isZero();
  }

  @Test
  void entriesOfARolledBackTransactionAreNeverWritten() {
    long before = count("someone");

    transactions.executeWithoutResult(status -> {
      audit.record("someone", AuditAction.SUBMITTED, null, Map.of("outcome", "rolled back"));
      status.setRollbackOnly();
    });

    assertThat(count("someone")).isEqualTo(before);
  }

  @Test
  void detailsKnownOnlyAtCommitAreReadWhenTheTransactionCommits() {
    String[] state = {"while the work runs"};
    transactions.executeWithoutResult(status -> {
      audit.recordAtCommit("tester", AuditAction.INTERVENTION_ANNOTATED, null, () -> Map.of("state", state[0]));
      audit.record("tester", AuditAction.INTERVENTION_ANNOTATED, null, Map.of("order", "second"));
      state[0] = "when it commits";
    });

    List<String> details = jdbc.sql("SELECT details FROM changegate_audit WHERE action = 'INTERVENTION_ANNOTATED' AND actor = 'tester' ORDER BY seq")
        .query(String.class).list();
    assertThat(details.subList(details.size() - 2, details.size()))
        .containsExactly("{\"state\":\"when it commits\"}", "{\"order\":\"second\"}");
    assertThat(verifier.verify().intact()).isTrue();
  }

  @Test
  void anEditedEntryIsReportedAsTheFirstBrokenLink() {
    audit.record("tester", AuditAction.SUBMITTED, null, Map.of("amount", 100));
    long victim = lastSeq();
    audit.record("tester", AuditAction.SUBMITTED, null, Map.of("after", true));

    AuditVerification verification = transactions.execute(status -> {
      jdbc.sql("UPDATE changegate_audit SET details = ? WHERE seq = ?").params("{\"amount\":1}", victim).update();
      AuditVerification inside = verifier.verify();
      status.setRollbackOnly();
      return inside;
    });

    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBrokenSeq()).isEqualTo(victim);
    assertThat(verification.problem()).contains("edited");
    assertThat(verifier.verify().intact()).as("after the edit was rolled back").isTrue();
  }

  @Test
  void aRemovedEntryIsReported() {
    audit.record("tester", AuditAction.SUBMITTED, null, Map.of("to", "remove"));
    long victim = lastSeq();
    audit.record("tester", AuditAction.SUBMITTED, null, Map.of("after", true));

    AuditVerification middle = transactions.execute(status -> {
      jdbc.sql("DELETE FROM changegate_audit WHERE seq = ?").param(victim).update();
      AuditVerification inside = verifier.verify();
      status.setRollbackOnly();
      return inside;
    });
    AuditVerification tail = transactions.execute(status -> {
      // the head row is locked first so that no other writer appends behind the entry removed here
      long last = jdbc.sql("SELECT last_seq FROM changegate_audit_head FOR UPDATE").query(Long.class).single();
      jdbc.sql("DELETE FROM changegate_audit WHERE seq = ?").param(last).update();
      AuditVerification inside = verifier.verify();
      status.setRollbackOnly();
      return inside;
    });

    assertThat(middle.intact()).isFalse();
    assertThat(middle.firstBrokenSeq()).isEqualTo(victim + 1);
    assertThat(middle.problem()).contains("missing");
    assertThat(tail.intact()).isFalse();
    assertThat(tail.problem()).contains("removed");
  }

  @Test
  void theTrailVerifiesWhileOtherTransactionsAppend() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Future<?> appending = writer.submit(() -> {
      while (running.get()) {
        transactions.executeWithoutResult(status -> audit.record("writer", AuditAction.SUBMITTED, null, Map.of("busy", true)));
      }
    });
    try {
      for (int i = 0; i < 30; i++) {
        AuditVerification verification = verifier.verify();
        assertThat(verification.intact()).as("round " + i + ": " + verification).isTrue();
      }
    } finally {
      running.set(false);
      appending.get(30, TimeUnit.SECONDS);
      writer.shutdown();
    }
  }

  @Test
  void anEntryAddedAroundTheTrailIsReported() {
    audit.record("tester", AuditAction.SUBMITTED, null, Map.of("last", "before the forgery"));
    AuditVerification verification = transactions.execute(status -> {
      // the head row is locked first so that no other writer appends where the forgery goes
      jdbc.sql("SELECT last_seq FROM changegate_audit_head FOR UPDATE").query(Long.class).single();
      AuditEntry last = jdbc.sql("SELECT * FROM changegate_audit ORDER BY seq DESC LIMIT 1")
          .query(AuditTrail::mapEntry).single();
      java.time.Instant at = last.occurredAt();
      String hash = AuditHash.of(last.seq() + 1, at, "forger", "DECISION", null, "{}", last.hash());
      jdbc.sql("""
              INSERT INTO changegate_audit (seq, occurred_at, actor, action, change_id, details, prev_hash, hash)
              VALUES (?, ?, 'forger', 'DECISION', NULL, '{}', ?, ?)""")
          .params(last.seq() + 1, at.atOffset(java.time.ZoneOffset.UTC), last.hash(), hash).update();
      AuditVerification inside = verifier.verify();
      status.setRollbackOnly();
      return inside;
    });

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problem()).contains("not in the chain's head");
  }

  @Test
  void auditorsVerifyTheTrailOverTheApi() {
    audit.record("tester", AuditAction.SUBMITTED, null, Map.of("outside", "any transaction"));

    Http.Response auditor = Http.as(port, "auditor").get("/api/audit/verification");
    assertThat(auditor.status()).isEqualTo(200);
    assertThat(auditor.json().path("intact").asBoolean()).isTrue();
    assertThat(auditor.json().path("entriesChecked").asLong()).isPositive();

    assertThat(Http.as(port, "requester").get("/api/audit/verification").status()).isEqualTo(403);
  }

  /**
   * Entries by the actors this class writes as. The application's background work (jobs of other test classes'
   * changes, scheduled checks) appends entries meanwhile, so counts over the whole trail are not this test's.
   */
  private long count(String actorPattern) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE actor LIKE ?").param(actorPattern)
        .query(Long.class).single();
  }

  /** The latest entry written as {@code tester}: the one just recorded, whatever the background appended since. */
  private long lastSeq() {
    return jdbc.sql("SELECT MAX(seq) FROM changegate_audit WHERE actor = 'tester'").query(Long.class).single();
  }
}
