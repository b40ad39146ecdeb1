package io.changegate.monitoring.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.change.Names;
import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.MetricsPort;
import io.changegate.monitoring.MetricsSnapshot;
import io.changegate.monitoring.SuccessCriteria;
import io.changegate.monitoring.ValidationRequest;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import io.changegate.outbound.Placeholders;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Measures a deployed version with instant queries over the Prometheus HTTP API ({@code GET /api/v1/query}):
 * error rate, p95 latency and, when the criteria ask for a minimum, the request volume, each from the PromQL
 * template of {@link PrometheusProperties} with the service, environment and version filled in.
 *
 * <p>For the evidence of a rollback the same templates run as range queries ({@code GET /api/v1/query_range}).
 *
 * <p>Outcomes: a value within its threshold passes; a value beyond it fails with the measured value; an empty
 * result or NaN (no requests: 0/0) fails as "no data" — never a pass. Prometheus unreachable, answering 5xx or
 * refusing the query (a broken template) throws: the engine retries the validation and then raises an incident.
 */
@Component
@ConditionalOnProperty(name = "changegate.monitoring.adapter", havingValue = "prometheus")
public class PrometheusMetricsAdapter implements MetricsPort {

  static final String SOURCE = "prometheus";
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");
  private static final Pattern WINDOW = Pattern.compile("[0-9]+(ms|s|m|h|d|w|y)");

  private final PrometheusProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final Clock clock;

  public PrometheusMetricsAdapter(PrometheusProperties properties, Credentials credentials, ObjectMapper json,
      Clock clock) {
    this.clock = clock;
    if (properties.url() == null || properties.url().isBlank()) {
      throw new IllegalStateException("changegate.monitoring.adapter is prometheus but "
          + "changegate.monitoring.prometheus.url is not set");
    }
    this.properties = properties;
    this.credentials = credentials;
    this.http = new HttpCalls(properties.timeout(), json);
  }

  @Override
  public List<CheckResult> measure(ValidationRequest request, SuccessCriteria criteria) {
    Map<String, String> values = placeholders(request);
    List<CheckResult> checks = new ArrayList<>();
    String errorRate = properties.errorRateOf(request.service());
    if (present(errorRate)) {
      checks.add(atMost("error-rate", query(Placeholders.expand(errorRate, values)), criteria.errorRateMax()));
    }
    String latency = properties.latencyP95MsOf(request.service());
    if (present(latency)) {
      checks.add(atMost("latency-p95-ms", query(Placeholders.expand(latency, values)), criteria.latencyP95MaxMs()));
    }
    String requests = properties.requestsOf(request.service());
    if (criteria.minRequests() > 0 && present(requests)) {
      Measurement volume = query(Placeholders.expand(requests, values));
      boolean passed = volume.value().isPresent() && volume.value().getAsDouble() >= criteria.minRequests();
      checks.add(new CheckResult("requests", passed, volume.shown(), ">= " + criteria.minRequests(),
          volume.source()));
    }
    if (checks.isEmpty()) {
      // every template blank: nothing measured is not a pass
      checks.add(new CheckResult("prometheus", false, "no query configured", "at least one metric", SOURCE));
    }
    return checks;
  }

  /**
   * The same templates as range queries ({@code GET /api/v1/query_range}: start, end, step in seconds): every series
   * of each configured metric, its samples as Prometheus wrote them (a matrix).
   */
  @Override
  public MetricsSnapshot snapshot(ValidationRequest request, Instant from, Instant to, Duration step) {
    Map<String, String> values = placeholders(request);
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put("error-rate", properties.errorRateOf(request.service()));
    templates.put("latency-p95-ms", properties.latencyP95MsOf(request.service()));
    templates.put("requests", properties.requestsOf(request.service()));
    List<MetricsSnapshot.Series> series = new ArrayList<>();
    templates.forEach((metric, template) -> {
      if (present(template)) {
        series.addAll(range(metric, Placeholders.expand(template, values), from, to, step));
      }
    });
    return new MetricsSnapshot(SOURCE + " " + properties.url(), from, to, step, series);
  }

  List<MetricsSnapshot.Series> range(String metric, String promql, Instant from, Instant to, Duration step) {
    URI uri = URI.create(properties.url().replaceAll("/+$", "") + "/api/v1/query_range?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + seconds(from) + "&end=" + seconds(to)
        + "&step=" + Math.max(1, step.toSeconds()));
    HttpRequest.Builder request = http.request(uri).GET();
    if (present(properties.tokenProperty())) {
      request.header("Authorization", "Bearer " + credentials.secret(properties.tokenProperty()));
    }
    HttpCalls.Answer answer = http.send(request.build());
    JsonNode body = http.parse(answer);
    if (!answer.ok() || !"success".equals(body.path("status").asText())) {
      throw new IllegalStateException("Prometheus refused the range query " + promql + " (" + answer.status() + "): "
          + body.path("errorType").asText() + " " + body.path("error").asText());
    }
    List<MetricsSnapshot.Series> series = new ArrayList<>();
    for (JsonNode one : body.path("data").path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      one.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      List<MetricsSnapshot.Sample> samples = new ArrayList<>();
      for (JsonNode sample : one.path("values")) {
        samples.add(new MetricsSnapshot.Sample(Instant.ofEpochMilli(Math.round(sample.get(0).asDouble() * 1000)),
            sample.get(1).asText()));
      }
      series.add(new MetricsSnapshot.Series(metric, promql, labels, samples));
    }
    return series;
  }

  private static String seconds(Instant at) {
    return at.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%03d", at.getNano() / 1_000_000);
  }

  @Override
  public Figure figure(String promql) {
    Measurement measured = query(promql);
    return new Figure(promql, measured.value(), measured.source());
  }

  private static CheckResult atMost(String check, Measurement measured, double max) {
    boolean passed = measured.value().isPresent() && measured.value().getAsDouble() <= max;
    return new CheckResult(check, passed, measured.shown(), "<= " + plain(max), measured.source());
  }

  /** The value of one instant query: absent when Prometheus has no data (empty result, NaN). */
  record Measurement(String query, OptionalDouble value) {

    String shown() {
      return value.isPresent() ? plain(value.getAsDouble()) : "no data";
    }

    String source() {
      return SOURCE + ": " + query;
    }
  }

  /** A KPI's PromQL evaluated at {@code at} (Prometheus' {@code time} parameter): several series give the highest. */
  @Override
  public Reading read(String promql, java.time.Instant at) {
    Measurement measured = query(promql, at.toEpochMilli());
    return new Reading(measured.value().isPresent() ? measured.value().getAsDouble() : null, measured.source());
  }

  Measurement query(String promql) {
    return query(promql, clock.millis());
  }

  private Measurement query(String promql, long atMillis) {
    URI uri = URI.create(properties.url().replaceAll("/+$", "") + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + evaluationTime(atMillis));
    HttpRequest.Builder request = http.request(uri).GET();
    if (present(properties.tokenProperty())) {
      request.header("Authorization", "Bearer " + credentials.secret(properties.tokenProperty()));
    }
    HttpCalls.Answer answer = http.send(request.build());
    JsonNode body = http.parse(answer);
    if (!answer.ok() || !"success".equals(body.path("status").asText())) {
      // a template Prometheus cannot run is a configuration problem for operations (incident), not a verdict
      throw new IllegalStateException("Prometheus refused the query " + promql + " (" + answer.status() + "): "
          + body.path("errorType").asText() + " " + body.path("error").asText());
    }
    JsonNode data = body.path("data");
    return new Measurement(promql, switch (data.path("resultType").asText()) {
      case "scalar" -> number(data.path("result"));
      case "vector" -> worst(data.path("result"));
      default -> throw new IllegalStateException("the query " + promql + " returns a "
          + data.path("resultType").asText() + "; a template must return one number (an instant vector or scalar)");
    });
  }

  /** An instant to the millisecond (a whole second could fall before the newest samples). */
  private static String evaluationTime(long millis) {
    return millis / 1000 + "." + String.format(java.util.Locale.ROOT, "%03d", millis % 1000);
  }

  /** The highest value of a vector: several series (a template without sum) are judged by the worst. */
  private static OptionalDouble worst(JsonNode series) {
    OptionalDouble worst = OptionalDouble.empty();
    for (JsonNode one : series) {
      OptionalDouble value = number(one.path("value"));
      if (value.isPresent() && (worst.isEmpty() || value.getAsDouble() > worst.getAsDouble())) {
        worst = value;
      }
    }
    return worst;
  }

  /** [timestamp, "value"]: NaN (0/0, no requests) is no data; +Inf is a value (beyond every threshold). */
  private static OptionalDouble number(JsonNode sample) {
    if (!sample.isArray() || sample.size() < 2) {
      return OptionalDouble.empty();
    }
    String text = sample.get(1).asText();
    double value = switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  private Map<String, String> placeholders(ValidationRequest request) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("service", checked("service", request.service(), Pattern.compile(Names.PATTERN)));
    values.put("environment", checked("environment", request.environment(), Pattern.compile(Names.PATTERN)));
    values.put("version", request.version() == null ? "" : checked("version", request.version(), VERSION));
    values.put("window", checked("window", properties.windowOf(request.service()), WINDOW));
    return values;
  }

  /** Only safe names reach a PromQL string literal (no quote, no backslash, no brace). */
  private static String checked(String what, String value, Pattern allowed) {
    if (value == null || !allowed.matcher(value).matches()) {
      throw new IllegalStateException("refusing to put " + what + " '" + value + "' into PromQL: not a safe name");
    }
    return value;
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  static String plain(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
