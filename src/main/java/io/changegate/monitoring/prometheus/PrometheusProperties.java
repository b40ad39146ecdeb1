package io.changegate.monitoring.prometheus;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.monitoring.prometheus}: where Prometheus answers and the PromQL each metric is measured
 * with. Templates take the placeholders {@code {service}}, {@code {environment}}, {@code {version}} (the
 * deployed version; for a recovery check the restored one) and {@code {window}}; a blank template is not
 * measured.
 *
 * @param url base URL of the Prometheus HTTP API (e.g. {@code http://prometheus:9090})
 * @param tokenProperty property or environment variable holding a bearer token, if Prometheus needs one
 * @param timeout connect and answer timeout of each query
 * @param window range of the rate() windows ({@code {window}}, a PromQL duration such as {@code 5m})
 * @param queries templates for every service
 * @param services per service: its own window and templates, each overriding the defaults
 */
@ConfigurationProperties("changegate.monitoring.prometheus")
public record PrometheusProperties(
    String url,
    String tokenProperty,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("5m") String window,
    @DefaultValue Queries queries,
    Map<String, ServiceQueries> services) {

  public static final String SELECTOR = "service=\"{service}\",environment=\"{environment}\",version=\"{version}\"";
  public static final String ERROR_RATE = "sum(rate(http_requests_total{" + SELECTOR + ",code=~\"5..\"}[{window}]))"
      + " / sum(rate(http_requests_total{" + SELECTOR + "}[{window}]))";
  public static final String LATENCY_P95_MS = "histogram_quantile(0.95, sum by (le) (rate("
      + "http_request_duration_seconds_bucket{" + SELECTOR + "}[{window}]))) * 1000";
  public static final String REQUESTS = "sum(increase(http_requests_total{" + SELECTOR + "}[{window}]))";

  public PrometheusProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  /**
   * PromQL templates, one per metric.
   *
   * @param errorRate share of failed requests, 0 to 1
   * @param latencyP95Ms 95th percentile latency in milliseconds
   * @param requests number of requests in the window (held against {@code min-requests})
   */
  public record Queries(
      @DefaultValue(ERROR_RATE) String errorRate,
      @DefaultValue(LATENCY_P95_MS) String latencyP95Ms,
      @DefaultValue(REQUESTS) String requests) {}

  /** One service's window and templates; what is left out comes from the defaults. */
  public record ServiceQueries(String window, String errorRate, String latencyP95Ms, String requests) {}

  /** The window of {@code service}. */
  String windowOf(String service) {
    ServiceQueries own = services.get(service);
    return own != null && own.window() != null ? own.window() : window;
  }

  String errorRateOf(String service) {
    ServiceQueries own = services.get(service);
    return own != null && own.errorRate() != null ? own.errorRate() : queries.errorRate();
  }

  String latencyP95MsOf(String service) {
    ServiceQueries own = services.get(service);
    return own != null && own.latencyP95Ms() != null ? own.latencyP95Ms() : queries.latencyP95Ms();
  }

  String requestsOf(String service) {
    ServiceQueries own = services.get(service);
    return own != null && own.requests() != null ? own.requests() : queries.requests();
  }
}
