package io.changegate.audit;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recomputes the audit chain from the first entry and reports the first link that does not hold. */
@Service
public class AuditVerifier {

  private final JdbcClient jdbc;

  public AuditVerifier(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public AuditVerification verify() {
    // Entries may be appended while this runs: the head is read before and after the walk. Every entry up to the
    // first head must be there and end in that head's hash; no entry may lie beyond the second (entries and head
    // commit together, so an append that committed meanwhile is covered by it).
    Head before = head();
    Walk walk = new Walk(before.lastSeq());
    AtomicReference<AuditVerification> failure = new AtomicReference<>();
    jdbc.sql("SELECT * FROM changegate_audit ORDER BY seq").query(rs -> {
      if (failure.get() != null) {
        return;
      }
      AuditEntry entry = AuditTrail.mapEntry(rs, 0);
      String problem = walk.check(entry);
      if (problem != null) {
        failure.set(AuditVerification.broken(walk.checked, entry.seq(), problem));
      }
    });
    if (failure.get() != null) {
      return failure.get();
    }
    if (walk.lastSeq < before.lastSeq()) {
      return AuditVerification.broken(walk.checked, walk.lastSeq + 1, "the chain ends at entry " + walk.lastSeq
          + " but its head records entry " + before.lastSeq() + ": entries were removed or the head was edited");
    }
    if (!before.lastHash().equals(walk.hashAtHead)) {
      return AuditVerification.broken(walk.checked, before.lastSeq(), "entry " + before.lastSeq()
          + " does not end the chain its head records: the head or the entry was edited");
    }
    Head after = head();
    if (walk.lastSeq > after.lastSeq()) {
      return AuditVerification.broken(walk.checked, after.lastSeq() + 1, "entries after " + after.lastSeq()
          + " are not in the chain's head: they were added around the trail");
    }
    return AuditVerification.ok(walk.checked);
  }

  private Head head() {
    return jdbc.sql("SELECT last_seq, last_hash FROM changegate_audit_head WHERE id = 1")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
  }

  private record Head(long lastSeq, String lastHash) {}

  private static final class Walk {
    final long headSeq;
    long checked;
    long lastSeq;
    String lastHash = AuditHash.GENESIS;
    String hashAtHead = AuditHash.GENESIS;

    Walk(long headSeq) {
      this.headSeq = headSeq;
    }

    String check(AuditEntry entry) {
      checked++;
      String problem = null;
      if (entry.seq() != lastSeq + 1) {
        problem = "entries " + (lastSeq + 1) + " to " + (entry.seq() - 1) + " are missing";
      } else if (!entry.prevHash().equals(lastHash)) {
        problem = "its previous-hash does not match the hash of entry " + lastSeq;
      } else if (!AuditHash.of(entry).equals(entry.hash())) {
        problem = "its content does not match its hash: the entry was edited";
      }
      lastSeq = entry.seq();
      lastHash = entry.hash();
      if (lastSeq == headSeq) {
        hashAtHead = lastHash;
      }
      return problem;
    }
  }
}
