package io.changegate.notification.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.notification.Channel;
import io.changegate.notification.NotificationProperties;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The incident channel of a service: a chat incoming webhook (Slack, Mattermost, a Teams workflow) per service or a
 * default one ({@code changegate.notification.incident}), posted {@code {"text": "*subject*\nbody"}} like the chat
 * channel. The recipient of a message is the service; its webhook URL (the credential) is read at each post from the
 * property named for it and never written anywhere. Anything but 2xx throws: the dispatcher retries.
 */
@Component
class IncidentChannelWebhook implements Channel {

  private final NotificationProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final Environment environment;

  IncidentChannelWebhook(NotificationProperties properties, Credentials credentials, ObjectMapper json,
      Environment environment) {
    this.properties = properties;
    this.credentials = credentials;
    this.environment = environment;
    this.http = new HttpCalls(Duration.ofSeconds(10), json);
  }

  @Override
  public String name() {
    return INCIDENT;
  }

  /** Some service has a webhook URL configured. */
  @Override
  public boolean enabled() {
    NotificationProperties.Incident incident = properties.incident();
    return Stream.concat(Stream.ofNullable(incident.defaultUrlProperty()), incident.services().values().stream())
        .anyMatch(p -> p != null && !p.isBlank() && environment.getProperty(p, "").startsWith("http"));
  }

  @Override
  public void deliver(Message message) {
    String property = properties.incident().urlPropertyOf(message.recipient());
    if (property == null) {
      throw new IllegalStateException("no incident channel is configured for " + message.recipient());
    }
    String url = credentials.secret(property);
    String text = "*" + message.subject() + "* (incident channel of " + message.recipient() + ")\n" + message.body();
    HttpCalls.Answer answer;
    try {
      answer = http.send(http.request(URI.create(url)).header("Content-Type", "application/json")
          .POST(http.jsonBody(Map.of("text", text))).build());
    } catch (RuntimeException e) {
      // the URL is the credential: the message names the property, never the URL
      throw new IllegalStateException("the incident channel (" + property + ") did not answer: "
          + e.getClass().getSimpleName(), null);
    }
    if (!answer.ok()) {
      throw new IllegalStateException("the incident channel (" + property + ") answered " + answer.status());
    }
  }
}
