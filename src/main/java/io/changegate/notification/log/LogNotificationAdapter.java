package io.changegate.notification.log;

import io.changegate.notification.Notification;
import io.changegate.notification.NotificationPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo default: writes the notification to the application log. It reaches nobody's inbox; a real
 * channel (mail, chat, paging) is another adapter behind {@link NotificationPort}.
 */
@Component
class LogNotificationAdapter implements NotificationPort {

  private static final Logger LOG = LoggerFactory.getLogger(LogNotificationAdapter.class);

  @Override
  public void send(Notification notification) {
    LOG.info("NOTIFY {} about {}: {} — {}", notification.groups(), notification.changeId(), notification.subject(),
        notification.body());
  }
}
