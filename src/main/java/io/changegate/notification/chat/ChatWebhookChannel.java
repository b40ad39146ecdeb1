package io.changegate.notification.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.notification.Channel;
import io.changegate.notification.NotificationProperties;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A chat's incoming webhook (Slack, Mattermost; Microsoft Teams through a workflow that takes the same JSON): posts
 * {@code {"text": "*subject*\nbody"}}. The webhook's URL is its credential, so it is read at each post from the
 * property or environment variable named by {@code changegate.notification.chat.url-property} and never written
 * anywhere. A post the chat does not accept (any answer but 2xx) throws: the dispatcher retries.
 */
@Component
class ChatWebhookChannel implements Channel {

  private final NotificationProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final Environment environment;

  ChatWebhookChannel(NotificationProperties properties, Credentials credentials, ObjectMapper json,
      Environment environment) {
    this.properties = properties;
    this.credentials = credentials;
    this.environment = environment;
    this.http = new HttpCalls(Duration.ofSeconds(10), json);
  }

  @Override
  public String name() {
    return CHAT;
  }

  @Override
  public boolean enabled() {
    String property = properties.chat().urlProperty();
    return property != null && !property.isBlank() && environment.getProperty(property, "").startsWith("http");
  }

  @Override
  public void deliver(Message message) {
    String url = credentials.secret(properties.chat().urlProperty());
    String text = "*" + message.subject() + "* (for " + message.recipient() + ")\n" + message.body();
    HttpCalls.Answer answer;
    try {
      answer = http.send(http.request(URI.create(url)).header("Content-Type", "application/json")
          .POST(http.jsonBody(Map.of("text", text))).build());
    } catch (RuntimeException e) {
      // the URL is the credential: the message names the property, never the URL
      throw new IllegalStateException("the chat webhook (" + properties.chat().urlProperty() + ") did not answer: "
          + e.getClass().getSimpleName(), null);
    }
    if (!answer.ok()) {
      throw new IllegalStateException("the chat webhook (" + properties.chat().urlProperty() + ") answered "
          + answer.status());
    }
  }
}
