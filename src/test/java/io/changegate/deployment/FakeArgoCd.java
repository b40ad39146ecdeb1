package io.changegate.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock response transformer that answers like the Argo CD API server for
 * {@code GET /api/v1/applications/{name}}, {@code POST …/sync} ({@code revision}, {@code dryRun}) and
 * {@code POST …/rollback} ({@code id}), with a bearer token: a sync or rollback starts an operation
 * (phase Running, health Progressing) that succeeds after a few status reads, then the application is
 * Healthy (or Degraded for the app@revision pairs told so) and the revision is added to its history. A dry-run
 * sync changes nothing. Applications exist from their first request at revision 1.0.0, history id 1.
 */
public final class FakeArgoCd implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "fake-argocd";
  private static final Pattern PATH = Pattern.compile("/api/v1/applications/([^/?]+)(/sync|/rollback)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Set<String> degraded = ConcurrentHashMap.newKeySet();
  private volatile boolean holding;
  private volatile int readsUntilDone = 2;

  public FakeArgoCd(String token) {
    this.token = token;
  }

  /** The application turns Degraded once it runs {@code revision}. */
  public void degrade(String app, String revision) {
    degraded.add(app + "@" + revision);
  }

  /** While holding, operations stay Running (rollouts in progress). */
  public void hold(boolean holding) {
    this.holding = holding;
  }

  /** Someone syncs the application to {@code revision} in Argo CD itself, not through Changegate. */
  public void syncedByHand(String app, String revision) {
    App a = apps.computeIfAbsent(app, App::new);
    synchronized (a) {
      a.revision = revision;
      a.operationRevision = revision;
      a.phase = "Succeeded";
      a.health = "Healthy";
      a.infos = JSON.createArrayNode();
      a.history.add(JSON.createObjectNode().put("id", a.history.size() + 1).put("revision", revision));
    }
  }

  public void reset() {
    apps.clear();
    degraded.clear();
    holding = false;
  }

  public String revisionOf(String app) {
    App a = apps.get(app);
    return a == null ? null : a.revision;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    var request = event.getRequest();
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return json(401, "{\"error\":\"invalid session\",\"code\":16,\"message\":\"invalid session: token is invalid\"}");
    }
    Matcher path = PATH.matcher(request.getUrl());
    if (!path.matches()) {
      return json(404, "{\"message\":\"not found\"}");
    }
    App app = apps.computeIfAbsent(path.group(1), App::new);
    synchronized (app) {
      try {
        if (path.group(2) == null) {
          app.read();
          return json(200, app.toJson());
        }
        JsonNode body = JSON.readTree(request.getBodyAsString());
        if ("/sync".equals(path.group(2))) {
          if (!body.path("dryRun").asBoolean(false)) {
            app.start(body.path("revision").asText());
            app.infos = body.path("infos").deepCopy();
          }
          return json(200, app.toJson());
        }
        long id = body.path("id").asLong();
        String revision = app.historyRevision(id);
        if (revision == null) {
          return json(400, "{\"message\":\"application has no history id " + id + "\"}");
        }
        if (!body.path("dryRun").asBoolean(false)) {
          app.start(revision);
          app.infos = JSON.createArrayNode();
        }
        return json(200, app.toJson());
      } catch (Exception e) {
        return json(500, "{\"message\":\"" + e.getMessage() + "\"}");
      }
    }
  }

  private static ResponseDefinition json(int status, String body) {
    return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(body).build();
  }

  private final class App {
    final String name;
    String revision = "1.0.0";
    String operationRevision = "1.0.0";
    String phase = "Succeeded";
    String health = "Healthy";
    int reads;
    JsonNode infos = JSON.createArrayNode();
    final ArrayNode history = JSON.createArrayNode();

    App(String name) {
      this.name = name;
      history.add(JSON.createObjectNode().put("id", 1).put("revision", "1.0.0"));
    }

    void start(String target) {
      operationRevision = target;
      phase = "Running";
      health = "Progressing";
      reads = 0;
    }

    void read() {
      if ("Running".equals(phase) && !holding && ++reads >= readsUntilDone) {
        phase = "Succeeded";
        revision = operationRevision;
        health = degraded.contains(name + "@" + revision) ? "Degraded" : "Healthy";
        history.add(JSON.createObjectNode().put("id", history.size() + 1).put("revision", revision));
      }
    }

    String historyRevision(long id) {
      for (JsonNode entry : history) {
        if (entry.path("id").asLong() == id) {
          return entry.path("revision").asText();
        }
      }
      return null;
    }

    String toJson() {
      ObjectNode app = JSON.createObjectNode();
      app.putObject("metadata").put("name", name);
      ObjectNode status = app.putObject("status");
      status.putObject("sync").put("status", revision.equals(operationRevision) ? "Synced" : "OutOfSync")
          .put("revision", revision);
      status.putObject("health").put("status", health);
      ObjectNode operation = status.putObject("operationState");
      operation.put("phase", phase);
      ObjectNode op = operation.putObject("operation");
      op.putObject("sync").put("revision", operationRevision);
      op.set("info", infos.deepCopy());
      if ("Succeeded".equals(phase)) {
        operation.putObject("syncResult").put("revision", operationRevision);
      }
      status.set("history", history.deepCopy());
      return app.toString();
    }
  }
}
