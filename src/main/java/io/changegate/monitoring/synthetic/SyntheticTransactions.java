package io.changegate.monitoring.synthetic;

import io.changegate.change.SyntheticCheck;
import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.MonitoringProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Synthetic transactions: each HTTP check of the change is sent as declared (method, URL) and judged by its
 * status, its latency and, when asked, whether the body contains a text. A check that gets no answer within
 * {@code changegate.monitoring.synthetic-timeout} fails with the reason; every result says what was measured.
 * These are real calls, whatever monitoring adapter is active.
 */
@Component
public class SyntheticTransactions {

  static final String SOURCE = "synthetic";

  /** Built on first use: a client builds the JDK's default TLS context, about 0.1 s of start-up. */
  private final SingletonSupplier<HttpClient> client;
  private final Duration timeout;

  public SyntheticTransactions(MonitoringProperties properties) {
    this.timeout = properties.syntheticTimeout();
    this.client = SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build());
  }

  public List<CheckResult> run(List<SyntheticCheck> checks) {
    List<CheckResult> results = new ArrayList<>();
    for (SyntheticCheck check : checks) {
      results.add(run(check));
    }
    return results;
  }

  CheckResult run(SyntheticCheck check) {
    String method = check.method() == null ? "GET" : check.method();
    int expected = check.expectStatus() == null ? 200 : check.expectStatus();
    String name = "synthetic " + method + " " + check.url();
    StringBuilder threshold = new StringBuilder("status " + expected);
    if (check.maxLatencyMs() != null) {
      threshold.append(", <= ").append(check.maxLatencyMs()).append(" ms");
    }
    if (check.bodyContains() != null) {
      threshold.append(", body contains '").append(check.bodyContains()).append('\'');
    }
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(check.url())).timeout(timeout)
          .method(method, HttpRequest.BodyPublishers.noBody()).header("User-Agent", "changegate-synthetic").build();
    } catch (IllegalArgumentException e) {
      return new CheckResult(name, false, "not sent: " + e.getMessage(), threshold.toString(), SOURCE);
    }
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = client.obtain().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      long ms = (System.nanoTime() - started) / 1_000_000;
      return new CheckResult(name, false, "no answer after " + ms + " ms: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), threshold.toString(), SOURCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    boolean statusOk = response.statusCode() == expected;
    boolean fastEnough = check.maxLatencyMs() == null || ms <= check.maxLatencyMs();
    boolean bodyOk = check.bodyContains() == null
        || (response.body() != null && response.body().contains(check.bodyContains()));
    String measured = "status " + response.statusCode() + ", " + ms + " ms"
        + (check.bodyContains() == null ? "" : bodyOk ? ", body matches" : ", body lacks the text");
    return new CheckResult(name, statusOk && fastEnough && bodyOk, measured, threshold.toString(), SOURCE);
  }
}
