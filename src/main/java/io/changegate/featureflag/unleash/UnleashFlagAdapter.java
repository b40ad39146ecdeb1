package io.changegate.featureflag.unleash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.featureflag.FlagPort;
import io.changegate.featureflag.FlagResult;
import io.changegate.featureflag.FlagTarget;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Unleash over its Admin API, per flag and environment
 * ({@code /api/admin/projects/{project}/features/{flag}/environments/{environment}}): a gradual rollout is the
 * {@code flexibleRollout} strategy with the parameter {@code rollout} (the percentage); the adapter updates the
 * strategy it finds ({@code PUT …/strategies/{id}}: the one titled {@code changegate}, else the first
 * {@code flexibleRollout}) or adds one ({@code POST …/strategies}), then turns the flag on in the environment
 * ({@code POST …/on}). Switching off is {@code POST …/off}. The token travels in the {@code Authorization} header, as
 * Unleash expects it (no scheme).
 */
@Component
@ConditionalOnProperty("changegate.featureflag.unleash.url")
public class UnleashFlagAdapter implements FlagPort {

  public static final String NAME = "unleash";
  static final String STRATEGY = "flexibleRollout";
  static final String TITLE = "changegate";

  private final UnleashProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;

  public UnleashFlagAdapter(UnleashProperties properties, Credentials credentials, ObjectMapper json) {
    this.properties = properties;
    this.credentials = credentials;
    this.http = new HttpCalls(properties.timeout(), json);
  }

  @Override
  public String provider() {
    return NAME;
  }

  @Override
  public FlagResult setRollout(FlagTarget flag, int percent) {
    String base = environmentPath(flag);
    HttpCalls.Answer strategies = http.send(authorized(base + "/strategies").GET().build());
    if (strategies.status() == 404) {
      return FlagResult.refused("Unleash has no flag " + flag.flagKey() + " in project " + properties.project()
          + ", environment " + properties.environment(flag.environment()) + " (404)");
    }
    if (!strategies.ok()) {
      return FlagResult.refused("Unleash refused to list the strategies of " + flag.flagKey() + " ("
          + strategies.status() + "): " + HttpCalls.abbreviate(strategies.body()));
    }
    String strategyId = ourStrategy(http.parse(strategies));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", STRATEGY);
    body.put("title", TITLE);
    body.put("constraints", List.of());
    body.put("parameters", Map.of("rollout", String.valueOf(percent), "stickiness", "default",
        "groupId", flag.flagKey()));
    HttpRequest.Builder write = strategyId == null ? authorized(base + "/strategies").POST(http.jsonBody(body))
        : authorized(base + "/strategies/" + encode(strategyId)).PUT(http.jsonBody(body));
    HttpCalls.Answer written = http.send(write.header("Content-Type", "application/json").build());
    if (!written.ok()) {
      return FlagResult.refused("Unleash refused the rollout of " + percent + " % for " + flag.flagKey() + " ("
          + written.status() + "): " + HttpCalls.abbreviate(written.body()));
    }
    HttpCalls.Answer on = http.send(authorized(base + "/on").POST(HttpRequest.BodyPublishers.noBody()).build());
    if (!on.ok()) {
      return FlagResult.refused("Unleash refused to turn " + flag.flagKey() + " on (" + on.status() + "): "
          + HttpCalls.abbreviate(on.body()));
    }
    return FlagResult.applied("Unleash: " + flag.flagKey() + " on in " + properties.environment(flag.environment())
        + " for " + percent + " % (" + STRATEGY + (strategyId == null ? ", added" : " " + strategyId + ", updated")
        + ")");
  }

  @Override
  public FlagResult switchOff(FlagTarget flag) {
    HttpCalls.Answer off = http.send(authorized(environmentPath(flag) + "/off")
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    if (!off.ok()) {
      return FlagResult.refused("Unleash refused to switch " + flag.flagKey() + " off (" + off.status() + "): "
          + HttpCalls.abbreviate(off.body()));
    }
    return FlagResult.applied("Unleash: " + flag.flagKey() + " off in " + properties.environment(flag.environment()));
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("provider", NAME);
    settings.put("url", String.valueOf(properties.url()));
    settings.put("project", properties.project());
    settings.put("tokenProperty", properties.tokenProperty());
    return settings;
  }

  /** The strategy Changegate manages: titled {@code changegate}, else the first flexible rollout; null: none yet. */
  static String ourStrategy(JsonNode answer) {
    JsonNode list = answer.isArray() ? answer : answer.path("strategies");
    String first = null;
    for (JsonNode strategy : list) {
      if (!STRATEGY.equals(strategy.path("name").asText())) {
        continue;
      }
      if (TITLE.equals(strategy.path("title").asText())) {
        return strategy.path("id").asText();
      }
      if (first == null) {
        first = strategy.path("id").asText();
      }
    }
    return first;
  }

  private String environmentPath(FlagTarget flag) {
    return "/api/admin/projects/" + encode(properties.project()) + "/features/" + encode(flag.flagKey())
        + "/environments/" + encode(properties.environment(flag.environment()));
  }

  private HttpRequest.Builder authorized(String path) {
    String base = properties.url().toString().replaceAll("/+$", "");
    return http.request(URI.create(base + path))
        .header("Authorization", credentials.secret(properties.tokenProperty()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
