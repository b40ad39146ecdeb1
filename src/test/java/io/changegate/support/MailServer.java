package io.changegate.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) in the test JVM, on the port the test profile's {@code spring.mail.port} names:
 * register it as a static extension, then ask for the mails that reached an address.
 */
public final class MailServer {

  public static final int PORT = 29525;

  /** One received mail: recipients, subject, text. */
  public record Mail(List<String> to, String subject, String text) {}

  private MailServer() {}

  public static GreenMailExtension extension() {
    return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withPerMethodLifecycle(false);
  }

  public static List<Mail> received(GreenMailExtension server) {
    return Arrays.stream(server.getReceivedMessages()).map(MailServer::mail).toList();
  }

  /** Waits until a mail to {@code address} whose subject contains {@code subject} arrived. */
  public static Mail await(GreenMailExtension server, String address, String subject) {
    return Await.until(Duration.ofSeconds(60), () -> received(server).stream()
        .filter(m -> m.to().contains(address) && m.subject().contains(subject)).findFirst().orElse(null),
        m -> m != null, "a mail to " + address + " about '" + subject + "'");
  }

  public static long count(GreenMailExtension server, String address, String subject) {
    return received(server).stream().filter(m -> m.to().contains(address) && m.subject().contains(subject)).count();
  }

  private static Mail mail(MimeMessage message) {
    try {
      return new Mail(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList(),
          message.getSubject(), GreenMailUtil.getBody(message));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
