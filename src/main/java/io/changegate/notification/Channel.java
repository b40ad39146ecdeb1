package io.changegate.notification;

/**
 * One way of reaching people (log, e-mail, chat): the port the outbox dispatcher sends through, one adapter each.
 * {@link #deliver} throws when the message did not get through; the dispatcher tries again later.
 */
public interface Channel {

  String LOG = "LOG";
  String EMAIL = "EMAIL";
  String CHAT = "CHAT";
  /** A service's incident channel (a chat webhook per service); the recipient is the service. */
  String INCIDENT = "INCIDENT";

  /** {@link #LOG}, {@link #EMAIL}, {@link #CHAT} or {@link #INCIDENT}. */
  String name();

  /** Whether it is configured; a channel that is not gets no messages. */
  boolean enabled();

  void deliver(Message message);

  /** A message for one recipient: an e-mail address, a group (chat), a user or group id (log). */
  record Message(String recipient, String changeId, String subject, String body, String link) {}
}
