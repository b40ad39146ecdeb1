package io.changegate.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}, or {@code PROMETHEUS_BINARY}) for tests: its own
 * temporary configuration and TSDB, a free port on 127.0.0.1, scraping one target every second; stopped (and its
 * files removed) by {@link #close()}. Without the binary a test is skipped with the reason printed, except where
 * the environment variable {@code CI} is set: there it fails ({@code .ci/run} installs the package).
 */
public final class PrometheusServer implements AutoCloseable {

  public static final Path BINARY = Path.of(System.getenv().getOrDefault("PROMETHEUS_BINARY", "/usr/bin/prometheus"));
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path directory;
  private final int port;
  private Process process;

  private PrometheusServer(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Skips the calling test (or fails it in CI) when there is no Prometheus binary. */
  public static void assumeInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String reason = "no Prometheus binary at " + BINARY + " (Debian package prometheus; or set PROMETHEUS_BINARY)";
    if (System.getenv("CI") != null) {
      Assertions.fail(reason + ": CI is set, so this test must run (.ci/run installs the package)");
    }
    System.out.println("SKIPPED real-Prometheus test: " + reason);
    System.err.println("SKIPPED real-Prometheus test: " + reason);
    Assumptions.abort(reason);
  }

  /** Starts Prometheus scraping {@code http://127.0.0.1:<targetPort>/metrics} every second, and waits until ready. */
  public static PrometheusServer start(int targetPort) {
    assumeInstalled();
    try {
      Path directory = Files.createTempDirectory("changegate-prometheus");
      PrometheusServer server = new PrometheusServer(directory, freePort());
      Files.writeString(directory.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          scrape_configs:
            - job_name: changegate-test-target
              scrape_interval: 1s
              static_configs:
                - targets: ['127.0.0.1:%d']
          """.formatted(targetPort));
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() throws IOException {
    Files.createDirectories(directory.resolve("data"));
    process = new ProcessBuilder(List.of(BINARY.toString(),
        "--config.file=" + directory.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + directory.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn"))
        .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": " + log());
      }
      if (get("/-/ready") == 200) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("Prometheus was not ready within 60 s: " + log());
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops the process (Prometheus down), keeping its files. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The body of an instant query (tests wait for data with it). */
  public String query(String promql) {
    try {
      HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/query?query="
          + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Waits until an instant query returns a non-empty result. */
  public void awaitData(String promql, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String body = query(promql);
      if (body.contains("\"result\":[{")) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("Prometheus had no data for " + promql + " within " + timeout + ": " + query(promql));
  }

  private int get(String path) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String log() {
    try {
      return Files.readString(directory.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
