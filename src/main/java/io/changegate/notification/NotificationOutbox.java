package io.changegate.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code changegate_notification}: messages to send, once per (event, channel, recipient), in the caller's transaction. */
@Repository
public class NotificationOutbox {

  /** A message in the outbox. */
  public record Queued(long id, String eventKey, String channel, String recipient, String changeId, String subject,
      String body, int attempts) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  NotificationOutbox(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Queues the message unless this event was already queued for this channel and recipient; true when queued. */
  public boolean add(String eventKey, String channel, String recipient, String changeId, String subject, String body,
      Instant now) {
    if (exists(eventKey, channel, recipient)) {
      return false;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO changegate_notification (event_key, channel, recipient, change_id, subject, body, created_at,
                next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(cut(eventKey, 200), channel, cut(recipient, 320), changeId, cut(subject, 500), cut(body, 8000),
              utc(now), utc(now))
          .update());
      return true;
    } catch (DuplicateKeyException queuedMeanwhile) {
      return false;
    }
  }

  boolean exists(String eventKey, String channel, String recipient) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM changegate_notification WHERE event_key = ? AND channel = ? AND recipient = ?""")
        .params(cut(eventKey, 200), channel, cut(recipient, 320)).query(Long.class).single() > 0;
  }

  /** Messages due now, oldest first. */
  List<Queued> due(Instant now, int limit) {
    return jdbc.sql("""
            SELECT * FROM changegate_notification WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?
            ORDER BY id""" + " LIMIT " + limit)
        .param(utc(now))
        .query((rs, row) -> new Queued(rs.getLong("id"), rs.getString("event_key"), rs.getString("channel"),
            rs.getString("recipient"), rs.getString("change_id"), rs.getString("subject"), rs.getString("body"),
            rs.getInt("attempts")))
        .list();
  }

  /** Marks a message sent, unless another dispatcher did first; true when this one did. */
  boolean sent(long id, Instant at) {
    return jdbc.sql("UPDATE changegate_notification SET sent_at = ?, attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL")
        .params(utc(at), id).update() == 1;
  }

  void failed(long id, String error, Instant nextAttempt) {
    jdbc.sql("""
            UPDATE changegate_notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?""")
        .params(cut(error, 2000), utc(nextAttempt), id).update();
  }

  void givenUp(long id, String error, Instant at) {
    jdbc.sql("""
            UPDATE changegate_notification SET attempts = attempts + 1, last_error = ?, given_up_at = ? WHERE id = ?""")
        .params(cut(error, 2000), utc(at), id).update();
  }

  /** Messages of a change (tests, support): channel, recipient, subject, sent or not. */
  public List<Queued> ofChange(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_notification WHERE change_id = ? ORDER BY id").param(changeId)
        .query((rs, row) -> new Queued(rs.getLong("id"), rs.getString("event_key"), rs.getString("channel"),
            rs.getString("recipient"), rs.getString("change_id"), rs.getString("subject"), rs.getString("body"),
            rs.getInt("attempts")))
        .list();
  }

  /** Messages of a change not sent yet (and not given up); -1 while it has none at all. */
  public long pending(String changeId) {
    long all = jdbc.sql("SELECT COUNT(*) FROM changegate_notification WHERE change_id = ?").param(changeId)
        .query(Long.class).single();
    return all == 0 ? -1 : jdbc.sql(
            "SELECT COUNT(*) FROM changegate_notification WHERE change_id = ? AND sent_at IS NULL AND given_up_at IS NULL")
        .param(changeId).query(Long.class).single();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }
}
