package io.changegate.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues what people are told in the outbox, in the caller's transaction (so nothing is sent for work that rolled
 * back), one row per channel and recipient: e-mail to each member of the groups (or to the users) who wants it, a chat
 * post per group, a log line. The dispatcher sends them after commit.
 */
@Service
public class Notifier implements NotificationPort {

  private final NotificationOutbox outbox;
  private final Recipients recipients;
  private final NotificationProperties properties;
  private final List<Channel> channels;
  private final Clock clock;

  Notifier(NotificationOutbox outbox, Recipients recipients, NotificationProperties properties, List<Channel> channels,
      Clock clock) {
    this.outbox = outbox;
    this.recipients = recipients;
    this.properties = properties;
    this.channels = channels;
    this.clock = clock;
  }

  /** Escalations and other messages to groups (the event is the change and the subject: once per both). */
  @Override
  @Transactional
  public void send(Notification notification) {
    toGroups("port:" + notification.changeId() + ":" + notification.subject(), notification.changeId(),
        notification.groups(), notification.subject(), notification.body());
  }

  /** Tells the members of {@code groups}: e-mail, chat, log. */
  @Transactional
  public void toGroups(String eventKey, String changeId, List<String> groups, String subject, String body) {
    toGroups(eventKey, changeId, groups, List.of(), subject, body);
  }

  /** As above; the users in {@code except} get no e-mail (a requester is not asked to review their own change). */
  @Transactional
  public void toGroups(String eventKey, String changeId, List<String> groups, List<String> except, String subject,
      String body) {
    Instant now = clock.instant();
    String text = withLink(body, changeId);
    if (enabled(Channel.EMAIL)) {
      recipients.emailOfGroups(groups).stream().filter(p -> !except.contains(p.id()))
          .forEach(p -> outbox.add(eventKey, Channel.EMAIL, p.email(), changeId, subject, text, now));
    }
    if (enabled(Channel.CHAT)) {
      for (String group : groups) {
        if (properties.chat().groups().isEmpty() || properties.chat().groups().contains(group)) {
          outbox.add(eventKey, Channel.CHAT, group, changeId, subject, text, now);
        }
      }
    }
    if (enabled(Channel.LOG)) {
      outbox.add(eventKey, Channel.LOG, String.join(",", groups), changeId, subject, text, now);
    }
  }

  /** Tells single users (the requester): e-mail and log; chat posts are for groups. */
  @Transactional
  public void toUsers(String eventKey, String changeId, List<String> users, String subject, String body) {
    Instant now = clock.instant();
    String text = withLink(body, changeId);
    if (enabled(Channel.EMAIL)) {
      recipients.emailOfUsers(users).forEach(p -> outbox.add(eventKey, Channel.EMAIL, p.email(), changeId, subject,
          text, now));
    }
    if (enabled(Channel.LOG)) {
      outbox.add(eventKey, Channel.LOG, String.join(",", users), changeId, subject, text, now);
    }
  }

  /**
   * Posts to the incident channel of the service (its chat webhook, or the default one), when it has one; true when
   * queued.
   */
  @Transactional
  public boolean toIncidentChannel(String eventKey, String changeId, String service, String subject, String body) {
    if (!enabled(Channel.INCIDENT) || properties.incident().urlPropertyOf(service) == null) {
      return false;
    }
    return outbox.add(eventKey, Channel.INCIDENT, service, changeId, subject, withLink(body, changeId),
        clock.instant());
  }

  /** The change page's address. */
  public String linkTo(String changeId) {
    return properties.baseUrl() + "/changes/" + changeId;
  }

  private String withLink(String body, String changeId) {
    return changeId == null ? body : body + "\n\n" + linkTo(changeId);
  }

  private boolean enabled(String channel) {
    return channels.stream().anyMatch(c -> c.name().equals(channel) && c.enabled());
  }
}
