package io.changegate.deployment.jenkins;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Jenkins over its remote access API: {@code POST /job/{job}/buildWithParameters} answers {@code 201} with
 * the queue item in {@code Location}; the queue item ({@code api/json}) names the build once it started
 * ({@code executable.url}); the build's {@code building} and {@code result} are the rollout. What runs
 * where is the parameters of the newest successful (or running) build for the environment. API token with
 * HTTP Basic, read at call time.
 */
@Component
@ConditionalOnProperty("changegate.deployment.jenkins.url")
public class JenkinsDeploymentAdapter implements DeploymentPort {

  public static final String NAME = "jenkins";

  private final JenkinsProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;

  public JenkinsDeploymentAdapter(JenkinsProperties properties, Credentials credentials, ObjectMapper json) {
    this.properties = properties;
    this.credentials = credentials;
    this.http = new HttpCalls(properties.timeout(), json);
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public Optional<Release> currentRelease(String target, String environment) {
    return newestBuild(Placeholders.expand(properties.job(), OrderPlaceholders.ofTarget(target, environment)),
        environment)
        .map(build -> new Release(parameter(build, "VERSION"), emptyToNull(parameter(build, "DIGEST")),
            build.path("number").asText()));
  }

  @Override
  public DeploymentOutcome deploy(DeploymentOrder order) {
    Map<String, String> values = OrderPlaceholders.of(order);
    String job = Placeholders.expand(order.kind() == DeploymentOrder.Kind.MIGRATION ? properties.migrationJob()
        : properties.job(), values);
    return trigger(job, parameters(values, null), order.dryRun(), "deploy " + order.describe());
  }

  @Override
  public Rollout rolloutState(DeploymentOrder order, String externalRef) {
    if (externalRef == null) {
      return Rollout.of(RolloutState.HEALTHY, "no Jenkins build was triggered for " + order.target()
          + ": it already ran " + order.version());
    }
    URI queueItem = onThisJenkins(externalRef);
    JsonNode item = get(URI.create(withSlash(queueItem.toString()) + "api/json"));
    if (item.path("cancelled").asBoolean(false)) {
      return Rollout.of(RolloutState.FAILED, "Jenkins cancelled queue item " + externalRef);
    }
    String buildUrl = item.path("executable").path("url").asText(null);
    if (buildUrl == null) {
      return Rollout.of(RolloutState.IN_PROGRESS, "Jenkins queue item waits: " + item.path("why").asText("queued"));
    }
    JsonNode build = get(URI.create(withSlash(onThisJenkins(buildUrl).toString()) + "api/json"));
    String detail = "Jenkins build " + buildUrl + ": " + (build.path("building").asBoolean() ? "building"
        : build.path("result").asText("no result yet"));
    if (build.path("building").asBoolean(false) || build.path("result").isNull()
        || build.path("result").isMissingNode()) {
      return Rollout.of(RolloutState.IN_PROGRESS, detail);
    }
    return switch (build.path("result").asText()) {
      case "SUCCESS" -> Rollout.of(RolloutState.HEALTHY, detail);
      case "UNSTABLE" -> Rollout.of(RolloutState.DEGRADED, detail);
      default -> Rollout.of(RolloutState.FAILED, detail); // FAILURE, ABORTED, NOT_BUILT
    };
  }

  @Override
  public DeploymentOutcome rollback(DeploymentOrder order, Release previous) {
    Map<String, String> values = OrderPlaceholders.withPrevious(OrderPlaceholders.of(order), previous);
    String job = Placeholders.expand(order.kind() == DeploymentOrder.Kind.MIGRATION
        ? properties.migrationRollbackJob() : properties.rollbackJob(), values);
    return trigger(job, parameters(values, previous), order.dryRun(), "roll back " + order.target() + " to "
        + previous);
  }

  @Override
  public String history(String target, String environment) {
    String job = Placeholders.expand(properties.job(), OrderPlaceholders.ofTarget(target, environment));
    return get(uri("/job/" + encode(job) + "/api/json?tree=" + encode(
        "builds[number,result,building,timestamp,url,actions[parameters[name,value]]]{0,20}"))).toPrettyString();
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("adapter", NAME);
    settings.put("url", String.valueOf(properties.url()));
    settings.put("user", String.valueOf(properties.user()));
    settings.put("job", properties.job());
    settings.put("rollbackJob", properties.rollbackJob());
    settings.put("tokenProperty", properties.tokenProperty());
    return settings;
  }

  private DeploymentOutcome trigger(String job, Map<String, String> parameters, boolean dryRun, String what) {
    String form = parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    if (dryRun) {
      return DeploymentOutcome.success("Jenkins dry-run: would POST /job/" + job + "/buildWithParameters with "
          + parameters + " to " + what + "; nothing triggered", null);
    }
    HttpCalls.Answer answer = http.send(authorized(uri("/job/" + encode(job) + "/buildWithParameters"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    if (answer.status() != 201 || answer.location() == null) {
      return DeploymentOutcome.refused("Jenkins did not queue job " + job + " (" + answer.status() + "): "
          + HttpCalls.abbreviate(answer.body()), answer.body());
    }
    return DeploymentOutcome.success("Jenkins queued job " + job + " to " + what + " (" + answer.location() + ")",
        answer.location(), "HTTP " + answer.status() + " Location: " + answer.location());
  }

  private static Map<String, String> parameters(Map<String, String> values, Release previous) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("CHANGE_ID", values.get("changeId"));
    parameters.put("TARGET", values.get("target"));
    parameters.put("SERVICE", values.get("service"));
    parameters.put("ENVIRONMENT", values.get("environment"));
    parameters.put("VERSION", values.get("version"));
    parameters.put("DIGEST", values.get("digest"));
    parameters.put("IDEMPOTENCY_KEY", values.get("idempotencyKey"));
    parameters.put("KIND", values.get("kind"));
    if (previous != null) {
      parameters.put("PREVIOUS_VERSION", values.get("previousVersion"));
      parameters.put("PREVIOUS_DIGEST", values.get("previousDigest"));
    }
    return parameters;
  }

  private Optional<JsonNode> newestBuild(String job, String environment) {
    HttpCalls.Answer answer = http.send(authorized(uri("/job/" + encode(job) + "/api/json?tree="
        + encode("builds[number,result,building,actions[parameters[name,value]]]{0,50}"))).GET().build());
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw new HttpCalls.SystemUnavailableException("Jenkins job " + job + " answered " + answer.status(), null);
    }
    for (JsonNode build : http.parse(answer).path("builds")) {
      boolean counts = build.path("building").asBoolean(false) || "SUCCESS".equals(build.path("result").asText());
      if (counts && environment.equals(parameter(build, "ENVIRONMENT"))) {
        return Optional.of(build);
      }
    }
    return Optional.empty();
  }

  private static String parameter(JsonNode build, String name) {
    for (JsonNode action : build.path("actions")) {
      for (JsonNode parameter : action.path("parameters")) {
        if (name.equals(parameter.path("name").asText())) {
          return parameter.path("value").asText(null);
        }
      }
    }
    return null;
  }

  private JsonNode get(URI uri) {
    HttpCalls.Answer answer = http.send(authorized(uri).GET().build());
    if (!answer.ok()) {
      throw new HttpCalls.SystemUnavailableException("GET " + uri + " answered " + answer.status(), null);
    }
    return http.parse(answer);
  }

  /** Queue and build URLs come back from Jenkins; they are only followed on the configured controller. */
  private URI onThisJenkins(String url) {
    URI uri = URI.create(url);
    URI base = properties.url();
    if (!uri.isAbsolute()) {
      return uri(url.startsWith("/") ? url : "/" + url);
    }
    if (!base.getScheme().equals(uri.getScheme()) || !base.getHost().equals(uri.getHost())
        || base.getPort() != uri.getPort()) {
      throw new IllegalStateException("Jenkins returned a URL outside " + base + ": " + url);
    }
    return uri;
  }

  private HttpRequest.Builder authorized(URI uri) {
    String basic = properties.user() + ":" + credentials.secret(properties.tokenProperty());
    return http.request(uri).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
  }

  private URI uri(String pathAndQuery) {
    return URI.create(properties.url().toString().replaceAll("/+$", "") + pathAndQuery);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
