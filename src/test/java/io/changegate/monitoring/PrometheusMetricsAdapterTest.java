package io.changegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.changegate.monitoring.prometheus.PrometheusMetricsAdapter;
import io.changegate.monitoring.prometheus.PrometheusProperties;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls.SystemUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The Prometheus adapter against an HTTP server answering like {@code /api/v1/query}: pass, breach with the
 * measured value, no data (never a pass), a refused query and an unreachable Prometheus (both throw).
 */
class PrometheusMetricsAdapterTest {

  private HttpServer server;
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  /** Answer per metric name found in the query (first match wins). */
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/query", exchange -> {
      String raw = exchange.getRequestURI().getRawQuery();
      String query = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6).replaceAll("&time=.*", ""),
          StandardCharsets.UTF_8);
      queries.add(query);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String body = answers.entrySet().stream().filter(e -> query.contains(e.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse(vector());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    // GET /api/v1/query_range answers a matrix (the documented shape): each series with [timestamp, "value"] pairs
    server.createContext("/api/v1/query_range", exchange -> {
      String raw = exchange.getRequestURI().getRawQuery();
      ranges.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
      String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
          + "{\"metric\":{\"pod\":\"a\"},\"values\":[[1700000000,\"0.01\"],[1700000015,\"0.25\"]]},"
          + "{\"metric\":{\"pod\":\"b\"},\"values\":[[1700000000,\"NaN\"]]}]}}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static String vector(String... values) {
    StringBuilder result = new StringBuilder();
    for (String value : values) {
      result.append(result.isEmpty() ? "" : ",").append("{\"metric\":{},\"value\":[1700000000.1,\"").append(value)
          .append("\"]}");
    }
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
  }

  private PrometheusMetricsAdapter adapter(String url, String tokenProperty, MockEnvironment environment) {
    PrometheusProperties properties = new PrometheusProperties(url, tokenProperty, Duration.ofSeconds(2), "5m",
        new PrometheusProperties.Queries(
            "sum(rate(errors{service=\"{service}\",environment=\"{environment}\",version=\"{version}\"}[{window}]))",
            "p95_latency_ms{service=\"{service}\",version=\"{version}\"}",
            "sum(increase(requests{service=\"{service}\"}[{window}]))"),
        Map.of("ledger", new PrometheusProperties.ServiceQueries("2m", null, "", null)));
    return new PrometheusMetricsAdapter(properties, new Credentials(environment), new ObjectMapper(),
        Clock.systemUTC());
  }

  private PrometheusMetricsAdapter adapter() {
    return adapter("http://127.0.0.1:" + server.getAddress().getPort() + "/", null, new MockEnvironment());
  }

  private static ValidationRequest request(String service) {
    return new ValidationRequest("CHG-1", service, "staging", "1.4.2", null);
  }

  private static SuccessCriteria criteria(long minRequests) {
    return new SuccessCriteria(0.05, 500, minRequests, 0, null);
  }

  @Test
  void valuesWithinTheirThresholdsPassAndTheQueriesCarryServiceEnvironmentVersionAndWindow() {
    answers.put("errors", vector("0.01"));
    answers.put("p95_latency_ms", vector("120.5"));

    List<CheckResult> checks = adapter().measure(request("payments-api"), criteria(0));

    assertThat(checks).extracting(CheckResult::check).containsExactly("error-rate", "latency-p95-ms");
    assertThat(checks).allMatch(CheckResult::passed);
    assertThat(checks.get(0).measured()).isEqualTo("0.01");
    assertThat(checks.get(0).threshold()).isEqualTo("<= 0.05");
    assertThat(checks.get(1).measured()).isEqualTo("120.5");
    assertThat(queries.get(0)).isEqualTo(
        "sum(rate(errors{service=\"payments-api\",environment=\"staging\",version=\"1.4.2\"}[5m]))");
    assertThat(checks.get(0).source()).startsWith("prometheus: sum(rate(errors{service=\"payments-api\"");
  }

  @Test
  void theSnapshotOfARollbackRunsTheSameTemplatesAsRangeQueriesAndKeepsEverySeries() {
    java.time.Instant from = java.time.Instant.parse("2023-11-14T22:13:20Z");
    java.time.Instant to = from.plusSeconds(900);

    MetricsSnapshot snapshot = adapter().snapshot(request("payments-api"), from, to, Duration.ofSeconds(15));

    assertThat(ranges).hasSize(3);
    assertThat(ranges.get(0)).contains("query=sum(rate(errors{service=\"payments-api\",environment=\"staging\","
        + "version=\"1.4.2\"}[5m]))").contains("start=1700000000.000", "end=1700000900.000", "step=15");
    assertThat(snapshot.source()).startsWith("prometheus http://127.0.0.1:");
    assertThat(snapshot.series()).extracting(MetricsSnapshot.Series::metric)
        .containsExactly("error-rate", "error-rate", "latency-p95-ms", "latency-p95-ms", "requests", "requests");
    MetricsSnapshot.Series first = snapshot.series().get(0);
    assertThat(first.labels()).containsEntry("pod", "a");
    assertThat(first.samples()).extracting(MetricsSnapshot.Sample::value).containsExactly("0.01", "0.25");
    assertThat(first.samples().get(1).at()).isEqualTo(java.time.Instant.ofEpochSecond(1700000015));
    assertThat(snapshot.series().get(1).samples().get(0).value()).as("NaN kept as written").isEqualTo("NaN");
  }

  @Test
  void aRangeQueryPrometheusRefusesThrows() {
    status = 400;

    assertThatThrownBy(() -> adapter().snapshot(request("payments-api"), java.time.Instant.EPOCH,
        java.time.Instant.EPOCH.plusSeconds(60), Duration.ofSeconds(15)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("range query");
  }

  @Test
  void aValueBeyondItsThresholdFailsWithTheMeasuredValue() {
    answers.put("errors", vector("0.2"));
    answers.put("p95_latency_ms", vector("+Inf"));

    List<CheckResult> checks = adapter().measure(request("payments-api"), criteria(0));

    assertThat(checks).noneMatch(CheckResult::passed);
    assertThat(checks.get(0).measured()).isEqualTo("0.2");
    assertThat(checks.get(1).measured()).isEqualTo("+Inf");
  }

  @Test
  void noDataIsNeverAPass() {
    answers.put("errors", vector());
    answers.put("p95_latency_ms", vector("NaN"));

    List<CheckResult> checks = adapter().measure(request("payments-api"), criteria(0));

    assertThat(checks).noneMatch(CheckResult::passed);
    assertThat(checks).extracting(CheckResult::measured).containsOnly("no data");
  }

  @Test
  void severalSeriesAreJudgedByTheWorst() {
    answers.put("errors", vector("0.01", "0.09", "0.02"));

    CheckResult errorRate = adapter().measure(request("payments-api"), criteria(0)).get(0);

    assertThat(errorRate.passed()).isFalse();
    assertThat(errorRate.measured()).isEqualTo("0.09");
  }

  @Test
  void tooLittleTrafficIsNoVerdictAndAServiceHasItsOwnWindowAndTemplates() {
    answers.put("errors", vector("0.0"));
    answers.put("requests", vector("12"));

    List<CheckResult> checks = adapter().measure(request("ledger"), criteria(100));

    // ledger: latency template blanked, window 2m
    assertThat(checks).extracting(CheckResult::check).containsExactly("error-rate", "requests");
    assertThat(checks.get(0).passed()).isTrue();
    assertThat(checks.get(1).passed()).isFalse();
    assertThat(checks.get(1).measured()).isEqualTo("12");
    assertThat(checks.get(1).threshold()).isEqualTo(">= 100");
    assertThat(queries).anyMatch(q -> q.contains("[2m]"));
  }

  @Test
  void aQueryPrometheusRefusesIsAConfigurationProblemNotAVerdict() {
    status = 400;
    answers.put("errors", "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 4\"}");

    assertThatThrownBy(() -> adapter().measure(request("payments-api"), criteria(0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad_data").hasMessageContaining("parse error");
  }

  @Test
  void prometheusDownThrowsSoThatTheEngineRetriesAndRaisesAnIncident() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PrometheusMetricsAdapter adapter = adapter("http://127.0.0.1:" + closed, null, new MockEnvironment());

    assertThatThrownBy(() -> adapter.measure(request("payments-api"), criteria(0)))
        .isInstanceOf(SystemUnavailableException.class).hasMessageContaining("/api/v1/query");
  }

  @Test
  void aPrometheusAnswering503IsUnavailableToo() {
    status = 503;
    answers.put("errors", "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"tsdb not ready\"}");

    assertThatThrownBy(() -> adapter().measure(request("payments-api"), criteria(0)))
        .isInstanceOf(SystemUnavailableException.class).hasMessageContaining("503");
  }

  @Test
  void theBearerTokenIsReadFromItsPropertyAtEachQuery() {
    answers.put("errors", vector("0.0"));
    answers.put("p95_latency_ms", vector("10"));
    MockEnvironment environment = new MockEnvironment().withProperty("TEST_PROMETHEUS_TOKEN", "prom-secret-1");
    PrometheusMetricsAdapter adapter = adapter("http://127.0.0.1:" + server.getAddress().getPort(),
        "TEST_PROMETHEUS_TOKEN", environment);

    adapter.measure(request("payments-api"), criteria(0));

    assertThat(authorizations).containsOnly("Bearer prom-secret-1");
  }

  @Test
  void anUnsafeVersionNeverReachesPromQL() {
    ValidationRequest unsafe = new ValidationRequest("CHG-1", "payments-api", "staging", "1\"}or vector(0", null);

    assertThatThrownBy(() -> adapter().measure(unsafe, criteria(0))).hasMessageContaining("not a safe name");
    assertThat(queries).isEmpty();
  }
}
