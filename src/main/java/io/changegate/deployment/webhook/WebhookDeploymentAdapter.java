package io.changegate.deployment.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentOutcome;
import io.changegate.deployment.DeploymentPort;
import io.changegate.deployment.OrderPlaceholders;
import io.changegate.deployment.Release;
import io.changegate.deployment.Rollout;
import io.changegate.deployment.RolloutState;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import io.changegate.outbound.Placeholders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A configurable HTTP call: {@code POST url} with a JSON body (action, change id, service, environment,
 * target, artifact version and digest, idempotency key) and an {@code Idempotency-Key} header. A 2xx answer
 * accepts the deployment; its {@code statusUrl} field, its {@code Location} header or the configured
 * status URL is then polled for {@code {"state": "IN_PROGRESS|HEALTHY|DEGRADED|FAILED"}}. Without one, the
 * accepted call is the whole rollout. A 4xx answer is a refusal.
 */
@Component
@ConditionalOnProperty("changegate.deployment.webhook.url")
public class WebhookDeploymentAdapter implements DeploymentPort {

  public static final String NAME = "webhook";

  private final WebhookProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final ObjectMapper json;

  public WebhookDeploymentAdapter(WebhookProperties properties, Credentials credentials, ObjectMapper json) {
    this.properties = properties;
    this.credentials = credentials;
    this.json = json;
    this.http = new HttpCalls(properties.timeout(), json);
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public boolean seesReleases() {
    return properties.releaseUrl() != null && !properties.releaseUrl().isBlank();
  }

  @Override
  public Optional<Release> currentRelease(String target, String environment) {
    if (!seesReleases()) {
      return Optional.empty();
    }
    URI uri = URI.create(Placeholders.expand(properties.releaseUrl(), OrderPlaceholders.ofTarget(target, environment)));
    HttpCalls.Answer answer = http.send(authorized(uri).GET().build());
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw new HttpCalls.SystemUnavailableException("GET " + uri + " answered " + answer.status(), null);
    }
    JsonNode release = http.parse(answer);
    return Optional.of(new Release(release.path("version").asText(null), release.path("digest").asText(null),
        release.path("reference").asText(null)));
  }

  @Override
  public DeploymentOutcome deploy(DeploymentOrder order) {
    return call(order, "deploy", body(order, "deploy", null), OrderPlaceholders.of(order));
  }

  @Override
  public DeploymentOutcome rollback(DeploymentOrder order, Release previous) {
    Map<String, Object> body = body(order, "rollback", previous);
    return call(order, "rollback", body, OrderPlaceholders.withPrevious(OrderPlaceholders.of(order), previous));
  }

  @Override
  public Rollout rolloutState(DeploymentOrder order, String externalRef) {
    if (externalRef == null || externalRef.isBlank()) {
      return Rollout.of(RolloutState.HEALTHY, "the webhook accepted the call and names no status URL to poll");
    }
    URI uri = sameOrigin(externalRef);
    HttpCalls.Answer answer = http.send(authorized(uri).GET().build());
    if (!answer.ok()) {
      throw new HttpCalls.SystemUnavailableException("GET " + uri + " answered " + answer.status(), null);
    }
    JsonNode status = http.parse(answer);
    String state = status.path("state").asText("IN_PROGRESS");
    String detail = "webhook status " + state + (status.has("detail") ? ": " + status.path("detail").asText() : "");
    try {
      return Rollout.of(RolloutState.valueOf(state), detail);
    } catch (IllegalArgumentException unknown) {
      return Rollout.of(RolloutState.IN_PROGRESS, detail + " (unknown state, still waiting)");
    }
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("adapter", NAME);
    settings.put("url", String.valueOf(properties.url()));
    settings.put("statusUrl", String.valueOf(properties.statusUrl()));
    settings.put("releaseUrl", String.valueOf(properties.releaseUrl()));
    settings.put("tokenProperty", String.valueOf(properties.tokenProperty()));
    return settings;
  }

  private Map<String, Object> body(DeploymentOrder order, String action, Release previous) {
    Map<String, String> values = OrderPlaceholders.of(order);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    body.put("kind", order.kind().name());
    body.put("changeId", values.get("changeId"));
    body.put("service", values.get("service"));
    body.put("environment", values.get("environment"));
    body.put("target", values.get("target"));
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("version", order.version());
    artifact.put("digest", order.digest());
    body.put("artifact", artifact);
    body.put("digest", order.digest());
    body.put("idempotencyKey", order.idempotencyKey());
    body.put("dryRun", order.dryRun());
    if (previous != null) {
      body.put("previous", Map.of("version", String.valueOf(previous.version()),
          "digest", String.valueOf(previous.digest())));
    }
    return body;
  }

  private DeploymentOutcome call(DeploymentOrder order, String action, Map<String, Object> body,
      Map<String, String> values) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (order.dryRun()) {
      return DeploymentOutcome.success("webhook dry-run: would POST " + properties.url() + " " + text
          + "; nothing sent", null, text);
    }
    HttpCalls.Answer answer = http.send(authorized(properties.url())
        .header("Content-Type", "application/json").header("Idempotency-Key", order.idempotencyKey())
        .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    if (!answer.ok()) {
      return DeploymentOutcome.refused("the webhook refused to " + action + " " + order.target() + " ("
          + answer.status() + "): " + HttpCalls.abbreviate(answer.body()), answer.body());
    }
    String statusUrl = http.parse(answer).path("statusUrl").asText(null);
    if (statusUrl == null) {
      statusUrl = answer.location();
    }
    if (statusUrl == null && properties.statusUrl() != null && !properties.statusUrl().isBlank()) {
      statusUrl = Placeholders.expand(properties.statusUrl(), values);
    }
    if (statusUrl != null) {
      statusUrl = sameOrigin(statusUrl).toString();
    }
    return DeploymentOutcome.success("webhook accepted: " + action + " " + order.describe(), statusUrl,
        "HTTP " + answer.status() + " " + HttpCalls.abbreviate(answer.body()));
  }

  /** A status URL is only followed on the webhook's own host (no request to wherever an answer points). */
  private URI sameOrigin(String url) {
    URI base = properties.url();
    URI uri = base.resolve(url);
    if (!base.getScheme().equals(uri.getScheme()) || !base.getHost().equals(uri.getHost())
        || base.getPort() != uri.getPort()) {
      throw new IllegalStateException("the webhook named a status URL outside " + base.getHost() + ": " + url);
    }
    return uri;
  }

  private HttpRequest.Builder authorized(URI uri) {
    HttpRequest.Builder request = http.request(uri);
    if (properties.tokenProperty() != null && !properties.tokenProperty().isBlank()) {
      request.header("Authorization", "Bearer " + credentials.secret(properties.tokenProperty()));
    }
    return request;
  }
}
