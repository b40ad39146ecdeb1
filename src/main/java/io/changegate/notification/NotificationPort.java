package io.changegate.notification;

/**
 * Tells people something (e-mail, chat, paging). Implementations must be idempotent per
 * {@code (changeId, subject)}: an escalation job can run twice after a crash.
 */
public interface NotificationPort {

  void send(Notification notification);
}
