package io.changegate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit trail. Entries recorded inside a transaction (an API call, an engine command,
 * a job) are written just before that transaction commits, so they commit or vanish with the change
 * and process state they describe. Writing locks the chain's head row: appends from concurrent
 * transactions are serialised for the few statements it takes, and the chain never forks.
 */
@Component
public class AuditTrail {

  private static final String PENDING_KEY = AuditTrail.class.getName() + ".pending";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final Clock clock;

  public AuditTrail(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Records that {@code actor} did {@code action} on a change (or on nothing: {@code changeId} null).
   * {@code details} is stored as JSON.
   */
  public void record(String actor, AuditAction action, String changeId, Map<String, ?> details) {
    String written = toJson(details);
    enqueue(new Pending(clock.instant().truncatedTo(ChronoUnit.MICROS), actor, action.name(), changeId, () -> written));
  }

  /**
   * As {@link #record(String, String, String, Map)}, with details that are only known once the transaction's
   * work is done: {@code details} is called when the transaction commits (after the engine has written its own
   * state), or at once outside a transaction. The entry keeps its place and time from now.
   */
  public void recordAtCommit(String actor, AuditAction action, String changeId,
      Supplier<? extends Map<String, ?>> details) {
    enqueue(new Pending(clock.instant().truncatedTo(ChronoUnit.MICROS), actor, action.name(), changeId,
        () -> toJson(details.get())));
  }

  /**
   * Makes sure that entries recorded while this transaction commits are still written: a commit callback that runs
   * before the trail's own and records entries (the environment slots' release) calls this while the transaction's
   * work is being done, since a callback registered during the commit would not be called.
   */
  public void expectEntriesAtCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      pendingOfCurrentTransaction();
    }
  }

  private void enqueue(Pending entry) {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      pendingOfCurrentTransaction().add(entry);
    } else {
      transactions.executeWithoutResult(status -> append(List.of(entry)));
    }
  }

  /** Entries of one change, oldest first: the change's timeline. */
  public List<AuditEntry> entriesOf(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_audit WHERE change_id = ? ORDER BY seq")
        .param(changeId).query(AuditTrail::mapEntry).list();
  }

  /**
   * Entries after {@code seq}, oldest first, at most {@code limit}: what readers of the trail (notifications) have not
   * seen yet. Entries commit in the order of their seq (appends hold the chain's head until commit).
   */
  public List<AuditEntry> entriesAfter(long seq, int limit) {
    return jdbc.sql("SELECT * FROM changegate_audit WHERE seq > ? ORDER BY seq LIMIT " + limit)
        .param(seq).query(AuditTrail::mapEntry).list();
  }

  @SuppressWarnings("unchecked")
  private List<Pending> pendingOfCurrentTransaction() {
    List<Pending> pending = (List<Pending>) TransactionSynchronizationManager.getResource(PENDING_KEY);
    if (pending == null) {
      List<Pending> list = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(PENDING_KEY, list);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        /** Last among the commit callbacks: what the ones before it record is appended too. */
        @Override
        public int getOrder() {
          return LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
          append(list);
          list.clear();
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
        }
      });
      pending = list;
    }
    return pending;
  }

  private void append(List<Pending> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // details first: a late one may read the database, which should not happen while the chain's head is locked
    List<String> details = entries.stream().map(e -> e.details().get()).toList();
    Head head = jdbc.sql("SELECT last_seq, last_hash FROM changegate_audit_head WHERE id = 1 FOR UPDATE")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    long seq = head.lastSeq();
    String prev = head.lastHash();
    for (int i = 0; i < entries.size(); i++) {
      Pending e = entries.get(i);
      seq++;
      String hash = AuditHash.of(seq, e.occurredAt(), e.actor(), e.action(), e.changeId(), details.get(i), prev);
      jdbc.sql("""
              INSERT INTO changegate_audit (seq, occurred_at, actor, action, change_id, details, prev_hash, hash)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(seq, e.occurredAt().atOffset(ZoneOffset.UTC), e.actor(), e.action(), e.changeId(),
              details.get(i), prev, hash)
          .update();
      prev = hash;
    }
    jdbc.sql("UPDATE changegate_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")
        .params(seq, prev).update();
  }

  static AuditEntry mapEntry(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("change_id"),
        rs.getString("details"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  private String toJson(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details == null ? Map.of() : details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details must be JSON-serialisable", e);
    }
  }

  private record Pending(Instant occurredAt, String actor, String action, String changeId,
      Supplier<String> details) {}

  private record Head(long lastSeq, String lastHash) {}

}
