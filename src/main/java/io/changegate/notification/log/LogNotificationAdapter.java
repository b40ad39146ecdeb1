package io.changegate.notification.log;

import io.changegate.notification.Channel;
import io.changegate.notification.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo default: writes each message to the application log. It reaches nobody's inbox; e-mail
 * ({@code notification.mail}) and chat ({@code notification.chat}) are the channels that do.
 */
@Component
class LogNotificationAdapter implements Channel {

  private static final Logger LOG = LoggerFactory.getLogger(LogNotificationAdapter.class);

  private final NotificationProperties properties;

  LogNotificationAdapter(NotificationProperties properties) {
    this.properties = properties;
  }

  @Override
  public String name() {
    return Channel.LOG;
  }

  @Override
  public boolean enabled() {
    return properties.log().enabled();
  }

  @Override
  public void deliver(Message message) {
    LOG.info("NOTIFY {} about {}: {} — {}", message.recipient(), message.changeId(), message.subject(),
        message.body().replace('\n', ' '));
  }
}
