package io.changegate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry. Every field is length-prefixed, so no choice of text in one field can
 * imitate a different split between fields.
 */
final class AuditHash {

  static final String GENESIS = "0".repeat(64);

  private AuditHash() {}

  static String of(long seq, Instant occurredAt, String actor, String action, String changeId,
      String details, String prevHash) {
    StringBuilder canonical = new StringBuilder();
    for (String field : new String[] {Long.toString(seq), occurredAt.toString(), actor, action,
        changeId == null ? "" : changeId, details, prevHash}) {
      canonical.append(field.length()).append(':').append(field).append('\n');
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static String of(AuditEntry entry) {
    return of(entry.seq(), entry.occurredAt(), entry.actor(), entry.action(), entry.changeId(),
        entry.details(), entry.prevHash());
  }
}
