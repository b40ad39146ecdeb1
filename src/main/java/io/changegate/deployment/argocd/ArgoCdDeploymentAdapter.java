package io.changegate.deployment.argocd;

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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Argo CD over its REST API ({@code /api/v1/applications}): a sync to the change's revision (with Argo
 * CD's own {@code dryRun} for dry runs), the application's status (sync status, health, operation phase,
 * history) for rollouts and for "what runs now", and a rollback to the history id that ran before.
 * Bearer token from configuration at call time. The idempotency key travels as a sync {@code info}; before a sync
 * the adapter looks for it in the application's current operation, so a repeated order never syncs twice.
 */
@Component
@ConditionalOnProperty("changegate.deployment.argocd.url")
public class ArgoCdDeploymentAdapter implements DeploymentPort {

  public static final String NAME = "argocd";
  static final String INFO_KEY = "changegate-idempotency-key";

  private final ArgoCdProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final ObjectMapper json;

  public ArgoCdDeploymentAdapter(ArgoCdProperties properties, Credentials credentials, ObjectMapper json) {
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
  public Optional<Release> currentRelease(String target, String environment) {
    Optional<JsonNode> app = application(application(OrderPlaceholders.ofTarget(target, environment)));
    return app.map(ArgoCdDeploymentAdapter::releaseOf);
  }

  /** What the application runs, or is already syncing to (a running operation counts: no second sync). */
  static Release releaseOf(JsonNode app) {
    JsonNode status = app.path("status");
    JsonNode operation = status.path("operationState");
    String phase = operation.path("phase").asText("");
    String operationRevision = operation.path("operation").path("sync").path("revision").asText(null);
    String history = lastHistoryId(status);
    if ("Running".equals(phase) && operationRevision != null) {
      return new Release(operationRevision, null, history);
    }
    String revision = "Succeeded".equals(phase) && operationRevision != null ? operationRevision
        : status.path("sync").path("revision").asText(null);
    String digest = null;
    for (JsonNode image : status.path("summary").path("images")) {
      int at = image.asText().indexOf("@sha256:");
      if (at >= 0) {
        digest = image.asText().substring(at + 1);
        break;
      }
    }
    return new Release(revision, digest, history);
  }

  /** The phase of the application's operation when it carries this idempotency key and has not failed. */
  static Optional<String> alreadyRequested(JsonNode app, String idempotencyKey) {
    JsonNode operation = app.path("status").path("operationState");
    String phase = operation.path("phase").asText("");
    if ("Failed".equals(phase) || "Error".equals(phase)) {
      return Optional.empty();
    }
    for (JsonNode info : operation.path("operation").path("info")) {
      if (INFO_KEY.equals(info.path("name").asText()) && idempotencyKey.equals(info.path("value").asText())) {
        return Optional.of("phase " + phase);
      }
    }
    return Optional.empty();
  }

  private static String lastHistoryId(JsonNode status) {
    String id = null;
    for (JsonNode entry : status.path("history")) {
      id = entry.path("id").asText(id);
    }
    return id;
  }

  @Override
  public DeploymentOutcome deploy(DeploymentOrder order) {
    Map<String, String> values = OrderPlaceholders.of(order);
    String app = application(values);
    String revision = Placeholders.expand(properties.revision(), values);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("revision", revision);
    body.put("dryRun", order.dryRun());
    body.put("prune", properties.prune());
    body.put("infos", List.of(Map.of("name", INFO_KEY, "value", order.idempotencyKey()),
        Map.of("name", "changegate-change", "value", order.changeId())));
    if (!order.dryRun()) {
      Optional<String> requested = application(app).flatMap(a -> alreadyRequested(a, order.idempotencyKey()));
      if (requested.isPresent()) {
        return DeploymentOutcome.success("Argo CD " + app + " already has the operation of this order ("
            + requested.get() + "); no second sync", app);
      }
    }
    HttpCalls.Answer answer = http.send(authorized(uri("/api/v1/applications/" + app + "/sync"))
        .header("Content-Type", "application/json").POST(http.jsonBody(body)).build());
    if (!answer.ok()) {
      return DeploymentOutcome.refused("Argo CD refused to sync " + app + " to " + revision + " (" + answer.status()
          + "): " + message(answer), answer.body());
    }
    String detail = order.dryRun()
        ? "Argo CD dry-run sync of " + app + " to " + revision + ": nothing applied"
        : "Argo CD syncs " + app + " to " + revision;
    return DeploymentOutcome.success(detail, app, answer.body());
  }

  @Override
  public Rollout rolloutState(DeploymentOrder order, String externalRef) {
    Map<String, String> values = OrderPlaceholders.of(order);
    String app = application(values);
    String expected = order.version() == null ? null : Placeholders.expand(properties.revision(), values);
    JsonNode status = application(app).orElseThrow(() -> new HttpCalls.SystemUnavailableException(
        "Argo CD application " + app + " is gone", null)).path("status");
    JsonNode operation = status.path("operationState");
    String phase = operation.path("phase").asText("");
    String revision = operation.path("operation").path("sync").path("revision").asText(null);
    String health = status.path("health").path("status").asText("Unknown");
    String sync = status.path("sync").path("status").asText("Unknown");
    String detail = "Argo CD " + app + ": operation " + (phase.isEmpty() ? "none" : phase) + " at " + revision
        + ", sync " + sync + ", health " + health
        + (operation.path("message").isMissingNode() ? "" : " (" + operation.path("message").asText() + ")");
    if (expected != null && revision != null && !expected.equals(revision)) {
      return Rollout.of(RolloutState.IN_PROGRESS, detail + "; waiting for the operation at " + expected);
    }
    switch (phase) {
      case "Running", "Terminating", "" -> {
        return Rollout.of(RolloutState.IN_PROGRESS, detail);
      }
      case "Failed", "Error" -> {
        return Rollout.of(RolloutState.FAILED, detail);
      }
      default -> { }
    }
    return switch (health) {
      case "Healthy" -> Rollout.of(RolloutState.HEALTHY, detail);
      case "Degraded" -> Rollout.of(RolloutState.DEGRADED, detail);
      case "Missing" -> Rollout.of(RolloutState.FAILED, detail);
      default -> Rollout.of(RolloutState.IN_PROGRESS, detail); // Progressing, Suspended, Unknown
    };
  }

  @Override
  public DeploymentOutcome rollback(DeploymentOrder order, Release previous) {
    String app = application(OrderPlaceholders.of(order));
    if (previous == null || previous.reference() == null) {
      return DeploymentOutcome.refused("Argo CD application " + app + " has no history entry from before this"
          + " change to roll back to");
    }
    long historyId;
    try {
      historyId = Long.parseLong(previous.reference());
    } catch (NumberFormatException e) {
      return DeploymentOutcome.refused("'" + previous.reference() + "' is not an Argo CD history id");
    }
    Map<String, Object> body = Map.of("id", historyId, "dryRun", order.dryRun(), "prune", properties.prune());
    HttpCalls.Answer answer = http.send(authorized(uri("/api/v1/applications/" + app + "/rollback"))
        .header("Content-Type", "application/json").POST(http.jsonBody(body)).build());
    if (!answer.ok()) {
      return DeploymentOutcome.refused("Argo CD refused to roll " + app + " back to history " + historyId + " ("
          + answer.status() + "): " + message(answer), answer.body());
    }
    return DeploymentOutcome.success((order.dryRun() ? "Argo CD dry-run rollback of " : "Argo CD rolls back ") + app
        + " to history " + historyId + " (" + previous.version() + ")", app, answer.body());
  }

  /**
   * Argo Rollouts through Argo CD: the resource action ({@code POST /api/v1/applications/{app}/resource/actions} with
   * the Rollout's namespace, name, group {@code argoproj.io}, version {@code v1alpha1} and kind {@code Rollout}; the
   * body is the action's name as a JSON string). Without {@code changegate.deployment.argocd.rollout} nothing to do.
   */
  @Override
  public DeploymentOutcome promote(DeploymentOrder order) {
    ArgoCdProperties.Rollout rollout = properties.rollout();
    Map<String, String> values = OrderPlaceholders.of(order);
    String app = application(values);
    if (rollout == null) {
      return DeploymentOutcome.success("Argo CD " + app + ": no Argo Rollouts resource configured"
          + " (changegate.deployment.argocd.rollout); the sync took the traffic, nothing to promote", app);
    }
    String name = Placeholders.expand(rollout.name(), values);
    String namespace = Placeholders.expand(rollout.namespace(), values);
    String query = "?namespace=" + encode(namespace) + "&resourceName=" + encode(name)
        + "&version=v1alpha1&group=argoproj.io&kind=Rollout";
    if (order.dryRun()) {
      return DeploymentOutcome.success("Argo CD dry run: would run action " + rollout.action() + " on Rollout "
          + namespace + "/" + name + " of " + app, app);
    }
    HttpCalls.Answer answer = http.send(authorized(uri("/api/v1/applications/" + app + "/resource/actions" + query))
        .header("Content-Type", "application/json").POST(http.jsonBody(rollout.action())).build());
    if (!answer.ok()) {
      return DeploymentOutcome.refused("Argo CD refused action " + rollout.action() + " on Rollout " + namespace
          + "/" + name + " of " + app + " (" + answer.status() + "): " + message(answer), answer.body());
    }
    return DeploymentOutcome.success("Argo CD ran action " + rollout.action() + " on Rollout " + namespace + "/"
        + name + " of " + app + " (promoted)", app, answer.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String history(String target, String environment) {
    String app = application(OrderPlaceholders.ofTarget(target, environment));
    return application(app).map(a -> {
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("application", app);
      evidence.put("sync", a.path("status").path("sync"));
      evidence.put("health", a.path("status").path("health"));
      evidence.put("operationState", a.path("status").path("operationState"));
      evidence.put("history", a.path("status").path("history"));
      try {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(evidence);
      } catch (Exception e) {
        return String.valueOf(evidence);
      }
    }).orElse("Argo CD has no application " + app);
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("adapter", NAME);
    settings.put("url", String.valueOf(properties.url()));
    settings.put("application", properties.application());
    settings.put("revision", properties.revision());
    settings.put("prune", properties.prune());
    settings.put("tokenProperty", properties.tokenProperty());
    return settings;
  }

  private Optional<JsonNode> application(String app) {
    HttpCalls.Answer answer = http.send(authorized(uri("/api/v1/applications/" + app)).GET().build());
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw new HttpCalls.SystemUnavailableException("GET Argo CD application " + app + " answered "
          + answer.status() + ": " + message(answer), null);
    }
    return Optional.of(http.parse(answer));
  }

  private String application(Map<String, String> values) {
    String app = Placeholders.expand(properties.application(), values);
    return URLEncoder.encode(app, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder authorized(URI uri) {
    return http.request(uri).header("Authorization", "Bearer " + credentials.secret(properties.tokenProperty()));
  }

  private URI uri(String path) {
    String base = properties.url().toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }

  private String message(HttpCalls.Answer answer) {
    try {
      JsonNode node = http.parse(answer);
      return node.path("message").asText(node.path("error").asText(HttpCalls.abbreviate(answer.body())));
    } catch (RuntimeException notJson) {
      return HttpCalls.abbreviate(answer.body());
    }
  }
}
