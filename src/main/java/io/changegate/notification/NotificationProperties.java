package io.changegate.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code changegate.notification.*}: where the links in messages point, how often the outbox is looked at, how it
 * retries, and the channels.
 *
 * @param baseUrl the address people open Changegate at (links in messages: {@code baseUrl/changes/{id}})
 * @param pollInterval how often the feed reads new events and the dispatcher sends what is due
 * @param maxAttempts attempts per message before it is given up (and logged)
 * @param retryPause pause after the first failed attempt; doubled after each further one, at most an hour
 * @param log the log channel (the demo default)
 * @param mail e-mail over SMTP (Spring Boot's {@code spring.mail.*} settings): from address, on/off
 * @param chat a chat incoming webhook (Slack, Mattermost, Teams workflow): the property holding its URL (the URL is
 *     the credential), the groups whose messages are posted
 * @param incident the incident channel of each service (a chat incoming webhook: the property holding its URL, per
 *     service or a default), told when a rollback starts, as it progresses and when it ends
 */
@ConfigurationProperties("changegate.notification")
public record NotificationProperties(String baseUrl, Duration pollInterval, Integer maxAttempts, Duration retryPause,
    Log log, Mail mail, Chat chat, Incident incident) {

  public NotificationProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    maxAttempts = maxAttempts == null ? 8 : maxAttempts;
    retryPause = retryPause == null ? Duration.ofSeconds(30) : retryPause;
    log = log == null ? new Log(true) : log;
    mail = mail == null ? new Mail(false, "changegate@localhost") : mail;
    chat = chat == null ? new Chat(null, List.of()) : chat;
    incident = incident == null ? new Incident(null, Map.of()) : incident;
  }

  /**
   * {@code services}: service name → the property holding its incident channel's webhook URL;
   * {@code defaultUrlProperty} for every other service (none: those services have no incident channel).
   */
  public record Incident(String defaultUrlProperty, Map<String, String> services) {

    public Incident {
      services = services == null ? Map.of() : Map.copyOf(services);
    }

    /** The property holding the service's webhook URL, if it has one. */
    public String urlPropertyOf(String service) {
      String property = services.getOrDefault(service, defaultUrlProperty);
      return property == null || property.isBlank() ? null : property;
    }
  }

  public record Log(boolean enabled) {}

  public record Mail(boolean enabled, String from) {

    public Mail {
      from = from == null || from.isBlank() ? "changegate@localhost" : from;
    }
  }

  /** {@code groups} empty: every group's messages. */
  public record Chat(String urlProperty, List<String> groups) {

    public Chat {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }
}
