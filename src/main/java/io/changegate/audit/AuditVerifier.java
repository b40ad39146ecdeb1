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
    Walk walk = new Walk();
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
    return jdbc.sql("SELECT last_seq, last_hash FROM changegate_audit_head WHERE id = 1")
        .query((rs, n) -> {
          long headSeq = rs.getLong(1);
          if (headSeq != walk.lastSeq || !rs.getString(2).equals(walk.lastHash)) {
            return AuditVerification.broken(walk.checked, Math.min(headSeq, walk.lastSeq) + 1,
                "the chain ends at entry " + walk.lastSeq + " but its head records entry " + headSeq
                    + ": entries were removed or the head was edited");
          }
          return AuditVerification.ok(walk.checked);
        }).single();
  }

  private static final class Walk {
    long checked;
    long lastSeq;
    String lastHash = AuditHash.GENESIS;

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
      return problem;
    }
  }
}
