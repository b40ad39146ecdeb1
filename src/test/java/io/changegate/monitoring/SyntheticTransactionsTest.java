package io.changegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.changegate.change.SyntheticCheck;
import io.changegate.change.ValidationSpec;
import io.changegate.monitoring.synthetic.SyntheticTransactions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Synthetic transactions against a real HTTP server, and where success criteria come from. */
class SyntheticTransactionsTest {

  private HttpServer server;
  private String base;
  private final SyntheticTransactions synthetic = new SyntheticTransactions(
      new MonitoringProperties("sandbox", null, null, Duration.ofSeconds(2)));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}", 0));
    server.createContext("/slow", exchange -> answer(exchange, 200, "ok", 300));
    server.createContext("/orders", exchange -> answer(exchange,
        "POST".equals(exchange.getRequestMethod()) ? 201 : 405, "created", 0));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body, long delayMs)
      throws IOException {
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aCheckPassesWithTheExpectedStatusFastEnoughAndTheExpectedBody() {
    CheckResult result = synthetic.run(List.of(new SyntheticCheck(base + "/health", null, null, 1000, "UP"))).get(0);

    assertThat(result.passed()).as(result.toString()).isTrue();
    assertThat(result.check()).isEqualTo("synthetic GET " + base + "/health");
    assertThat(result.measured()).startsWith("status 200, ").endsWith(" ms, body matches");
    assertThat(result.threshold()).isEqualTo("status 200, <= 1000 ms, body contains 'UP'");
    assertThat(result.source()).isEqualTo("synthetic");
  }

  @Test
  void aFailedCheckSaysWhatWasMeasured() {
    List<CheckResult> results = synthetic.run(List.of(
        new SyntheticCheck(base + "/missing", "GET", 200, null, null),
        new SyntheticCheck(base + "/slow", "GET", 200, 100, null),
        new SyntheticCheck(base + "/health", "GET", 200, null, "DOWN"),
        new SyntheticCheck(base + "/orders", "POST", 201, null, null)));

    assertThat(results).extracting(CheckResult::passed).containsExactly(false, false, false, true);
    assertThat(results.get(0).measured()).startsWith("status 404");
    assertThat(results.get(1).measured()).matches("status 200, [0-9]{3,} ms");
    assertThat(results.get(2).measured()).endsWith("body lacks the text");
  }

  @Test
  void noAnswerIsAFailedCheckWithTheReason() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    CheckResult result = synthetic.run(List.of(new SyntheticCheck("http://127.0.0.1:" + closed + "/", null, null,
        null, null))).get(0);

    assertThat(result.passed()).isFalse();
    assertThat(result.measured()).startsWith("no answer after ").contains("ConnectException");
  }

  @Test
  void criteriaComeFromTheChangeThenTheServiceThenTheDefaults() {
    MonitoringProperties properties = new MonitoringProperties("sandbox",
        new MonitoringProperties.Criteria(0.02, null, 10L, 5),
        Map.of("payments-api", new MonitoringProperties.Criteria(0.01, 300, null, 15)), Duration.ofSeconds(1));
    SuccessCriteriaResolver resolver = new SuccessCriteriaResolver(properties);

    SuccessCriteria own = resolver.of("payments-api", new ValidationSpec(0.001, null, 0, null));
    SuccessCriteria service = resolver.of("payments-api", null);
    SuccessCriteria other = resolver.of("ledger", null);

    assertThat(own).extracting(SuccessCriteria::errorRateMax, SuccessCriteria::latencyP95MaxMs,
        SuccessCriteria::minRequests, SuccessCriteria::stabilizationMinutes).containsExactly(0.001, 300, 10L, 0);
    assertThat(service).extracting(SuccessCriteria::errorRateMax, SuccessCriteria::latencyP95MaxMs,
        SuccessCriteria::minRequests, SuccessCriteria::stabilizationMinutes).containsExactly(0.01, 300, 10L, 15);
    assertThat(other).extracting(SuccessCriteria::errorRateMax, SuccessCriteria::latencyP95MaxMs,
        SuccessCriteria::minRequests, SuccessCriteria::stabilizationMinutes)
        .containsExactly(0.02, SuccessCriteria.LATENCY_P95_MAX_MS, 10L, 5);
  }
}
