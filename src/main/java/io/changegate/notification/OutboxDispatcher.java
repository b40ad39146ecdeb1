package io.changegate.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sends what the outbox holds, after its transaction committed: each message through its channel, once. A message is
 * claimed first (its next attempt moved past the lease), so two dispatchers (two nodes) do not both send it; a failed
 * attempt is tried again after a pause that doubles each time (at most an hour), up to {@code max-attempts}, then
 * given up and logged.
 */
@Service
public class OutboxDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration LONGEST_PAUSE = Duration.ofHours(1);

  private final NotificationOutbox outbox;
  private final Map<String, Channel> channels;
  private final NotificationProperties properties;
  private final JdbcClient jdbc;
  private final Clock clock;

  OutboxDispatcher(NotificationOutbox outbox, List<Channel> channels, NotificationProperties properties,
      JdbcClient jdbc, Clock clock) {
    this.outbox = outbox;
    this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Sends the messages due now; returns how many got through. */
  public int dispatch() {
    Instant now = clock.instant();
    int delivered = 0;
    for (NotificationOutbox.Queued message : outbox.due(now, 100)) {
      if (!claim(message.id(), now)) {
        continue;
      }
      Channel channel = channels.get(message.channel());
      if (channel == null || !channel.enabled()) {
        outbox.givenUp(message.id(), "channel " + message.channel() + " is not configured", now);
        continue;
      }
      try {
        channel.deliver(new Channel.Message(message.recipient(), message.changeId(), message.subject(),
            message.body(), null));
        if (outbox.sent(message.id(), clock.instant())) {
          delivered++;
        }
      } catch (RuntimeException e) {
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        int attempts = message.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
          outbox.givenUp(message.id(), error, clock.instant());
          LOG.warn("Notification {} ({} to {}) given up after {} attempts: {}", message.id(), message.channel(),
              message.recipient(), attempts, error);
        } else {
          Duration pause = properties.retryPause().multipliedBy(1L << Math.min(attempts - 1, 20));
          outbox.failed(message.id(), error, clock.instant().plus(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
              : pause));
        }
      }
    }
    return delivered;
  }

  private boolean claim(long id, Instant now) {
    return jdbc.sql("""
            UPDATE changegate_notification SET next_attempt_at = ?
            WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?""")
        .params(now.plus(LEASE).atOffset(ZoneOffset.UTC), id, now.atOffset(ZoneOffset.UTC)).update() == 1;
  }
}
