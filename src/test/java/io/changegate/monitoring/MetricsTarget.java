package io.changegate.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that Prometheus scrapes, under the test's control: {@code /metrics} serves, per service, environment
 * and version, the counter {@code http_requests_total{code}} and the histogram
 * {@code http_request_duration_seconds}; every scrape adds {@value #REQUESTS_PER_SCRAPE} requests with the error
 * rate and latency the test set. {@code /health} answers the status the test set (synthetic transactions).
 */
public final class MetricsTarget implements AutoCloseable {

  static final int REQUESTS_PER_SCRAPE = 100;
  private static final double[] BUCKETS = {0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final HttpServer server;
  private final Map<String, Series> series = new LinkedHashMap<>();
  private volatile int healthStatus = 200;
  /** Answers with {@link #healthStatus} left before /health answers 200 again (negative: no limit). */
  private final AtomicInteger healthAnswersLeft = new AtomicInteger(-1);

  /** One service version's traffic so far. */
  private static final class Series {
    final String labels;
    double errorRate;
    double latencySeconds;
    long total;
    long errors;
    final long[] buckets = new long[BUCKETS.length];
    double sum;

    Series(String labels, double errorRate, double latencySeconds) {
      this.labels = labels;
      this.errorRate = errorRate;
      this.latencySeconds = latencySeconds;
    }
  }

  public MetricsTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", this::metrics);
    server.createContext("/health", exchange -> {
      int status = healthAnswersLeft.getAndUpdate(left -> left > 0 ? left - 1 : left) == 0 ? 200 : healthStatus;
      answer(exchange, status, "text/plain", status == 200 ? "UP" : "DOWN");
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** From the next scrape on, this version serves with this error rate and latency. */
  public synchronized void serve(String service, String environment, String version, double errorRate,
      double latencySeconds) {
    String key = service + "|" + environment + "|" + version;
    Series one = series.get(key);
    if (one == null) {
      series.put(key, new Series("service=\"" + service + "\",environment=\"" + environment + "\",version=\""
          + version + "\"", errorRate, latencySeconds));
    } else {
      one.errorRate = errorRate;
      one.latencySeconds = latencySeconds;
    }
  }

  public void healthStatus(int status) {
    this.healthAnswersLeft.set(-1);
    this.healthStatus = status;
  }

  /** {@code /health} answers {@code status} to the next {@code requests} requests, then 200. */
  public void healthStatusFor(int status, int requests) {
    this.healthStatus = status;
    this.healthAnswersLeft.set(requests);
  }

  private void metrics(HttpExchange exchange) throws IOException {
    StringBuilder out = new StringBuilder();
    synchronized (this) {
      out.append("# TYPE http_requests_total counter\n");
      for (Series one : series.values()) {
        long errors = Math.round(REQUESTS_PER_SCRAPE * one.errorRate);
        one.total += REQUESTS_PER_SCRAPE;
        one.errors += errors;
        for (int i = 0; i < BUCKETS.length; i++) {
          if (one.latencySeconds <= BUCKETS[i]) {
            one.buckets[i] += REQUESTS_PER_SCRAPE;
          }
        }
        one.sum += REQUESTS_PER_SCRAPE * one.latencySeconds;
        out.append("http_requests_total{").append(one.labels).append(",code=\"200\"} ")
            .append(one.total - one.errors).append('\n');
        out.append("http_requests_total{").append(one.labels).append(",code=\"500\"} ").append(one.errors)
            .append('\n');
      }
      out.append("# TYPE http_request_duration_seconds histogram\n");
      for (Series one : series.values()) {
        for (int i = 0; i < BUCKETS.length; i++) {
          out.append("http_request_duration_seconds_bucket{").append(one.labels).append(",le=\"").append(BUCKETS[i])
              .append("\"} ").append(one.buckets[i]).append('\n');
        }
        out.append("http_request_duration_seconds_bucket{").append(one.labels).append(",le=\"+Inf\"} ")
            .append(one.total).append('\n');
        out.append("http_request_duration_seconds_sum{").append(one.labels).append("} ").append(one.sum).append('\n');
        out.append("http_request_duration_seconds_count{").append(one.labels).append("} ").append(one.total)
            .append('\n');
      }
    }
    answer(exchange, 200, "text/plain; version=0.0.4", out.toString());
  }

  private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
