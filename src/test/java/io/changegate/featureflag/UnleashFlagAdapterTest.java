package io.changegate.featureflag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.featureflag.unleash.UnleashFlagAdapter;
import io.changegate.featureflag.unleash.UnleashProperties;
import io.changegate.outbound.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The Unleash adapter against a real Unleash server (npm package {@code unleash-server} on PostgreSQL, started by
 * {@link UnleashServer} for this class; skipped with the reason where it is not installed, failing in CI). The
 * end-to-end test ({@link ReleaseSafetyApiTest}) uses a WireMock server with the same documented calls.
 */
class UnleashFlagAdapterTest {

  static UnleashServer server;
  static String URL;
  static final String TOKEN = UnleashServer.TOKEN;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient client = HttpClient.newHttpClient();
  UnleashFlagAdapter adapter;
  String flagKey;

  @BeforeAll
  static void startUnleash() {
    server = UnleashServer.start();
    URL = server.url();
  }

  @AfterAll
  static void stopUnleash() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void unleash() throws Exception {
    adapter = new UnleashFlagAdapter(new UnleashProperties(URI.create(URL), "UNLEASH_TOKEN", "default",
        Map.of("staging", "development"), Duration.ofSeconds(10)),
        new Credentials(new MockEnvironment().withProperty("UNLEASH_TOKEN", TOKEN)), json);
    flagKey = "changegate-test-" + System.nanoTime();
    HttpResponse<String> created = send("POST", "/api/admin/projects/default/features",
        "{\"name\":\"" + flagKey + "\",\"type\":\"release\"}");
    assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + path)).header("Authorization", TOKEN)
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode strategies() throws Exception {
    return json.readTree(send("GET", "/api/admin/projects/default/features/" + flagKey
        + "/environments/development/strategies", null).body());
  }

  private boolean enabled() throws Exception {
    JsonNode feature = json.readTree(send("GET", "/api/admin/projects/default/features/" + flagKey, null).body());
    for (JsonNode environment : feature.path("environments")) {
      if ("development".equals(environment.path("name").asText())) {
        return environment.path("enabled").asBoolean();
      }
    }
    throw new AssertionError("no development environment in " + feature);
  }

  @Test
  void setsTheGradualRolloutStageByStageOnOneStrategyAndSwitchesTheFlagOff() throws Exception {
    FlagTarget flag = new FlagTarget("CHG-000042", flagKey, "payments-api", "staging");

    FlagResult first = adapter.setRollout(flag, 10);
    FlagResult second = adapter.setRollout(flag, 50);

    assertThat(first.applied()).as(first.detail()).isTrue();
    assertThat(second.applied()).as(second.detail()).isTrue();
    List<String> rollouts = new ArrayList<>();
    strategies().forEach(s -> rollouts.add(s.path("name").asText() + " " + s.path("title").asText() + " "
        + s.path("parameters").path("rollout").asText()));
    assertThat(rollouts).containsExactly("flexibleRollout changegate 50");
    assertThat(enabled()).isTrue();

    FlagResult off = adapter.switchOff(flag);

    assertThat(off.applied()).as(off.detail()).isTrue();
    assertThat(enabled()).isFalse();
  }

  @Test
  void anUnknownFlagIsARefusalNotARetry() {
    FlagResult refused = adapter.setRollout(new FlagTarget("CHG-000043", "no-such-flag-" + System.nanoTime(),
        "payments-api", "staging"), 10);

    assertThat(refused.applied()).isFalse();
    assertThat(refused.detail()).contains("404");
  }
}
