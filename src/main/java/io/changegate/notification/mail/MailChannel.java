package io.changegate.notification.mail;

import io.changegate.notification.Channel;
import io.changegate.notification.NotificationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP through Spring's {@link JavaMailSender} ({@code spring.mail.host}, {@code .port},
 * {@code .username}, {@code .password}, {@code .properties.*}); on once {@code changegate.notification.mail.enabled}
 * is true and a mail server is configured. A message that the server does not accept throws: the dispatcher retries.
 */
@Component
class MailChannel implements Channel {

  private final ObjectProvider<JavaMailSender> sender;
  private final NotificationProperties properties;

  MailChannel(ObjectProvider<JavaMailSender> sender, NotificationProperties properties) {
    this.sender = sender;
    this.properties = properties;
  }

  @Override
  public String name() {
    return EMAIL;
  }

  @Override
  public boolean enabled() {
    return properties.mail().enabled() && sender.getIfAvailable() != null;
  }

  @Override
  public void deliver(Message message) {
    SimpleMailMessage mail = new SimpleMailMessage();
    mail.setFrom(properties.mail().from());
    mail.setTo(message.recipient());
    mail.setSubject("[Changegate] " + message.subject());
    mail.setText(message.body());
    sender.getObject().send(mail);
  }
}
