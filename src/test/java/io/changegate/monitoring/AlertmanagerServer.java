package io.changegate.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A real Alertmanager (Debian's {@code /usr/bin/prometheus-alertmanager}, or {@code ALERTMANAGER_BINARY}) for
 * tests: temporary configuration and storage, a free port on 127.0.0.1, no cluster listener, one webhook receiver
 * (payload version 4) authenticated with a bearer token, grouping without delay. Skipped without the binary,
 * except where {@code CI} is set (there it fails).
 */
public final class AlertmanagerServer implements AutoCloseable {

  public static final Path BINARY = Path.of(System.getenv().getOrDefault("ALERTMANAGER_BINARY",
      "/usr/bin/prometheus-alertmanager"));
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path directory;
  private final int port;
  private Process process;

  private AlertmanagerServer(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  public static void assumeInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String reason = "no Alertmanager binary at " + BINARY
        + " (Debian package prometheus-alertmanager; or set ALERTMANAGER_BINARY)";
    if (System.getenv("CI") != null) {
      Assertions.fail(reason + ": CI is set, so this test must run (.ci/run installs the package)");
    }
    System.out.println("SKIPPED real-Alertmanager test: " + reason);
    Assumptions.abort(reason);
  }

  /** Starts Alertmanager sending every alert to {@code webhookUrl} with {@code Authorization: Bearer token}. */
  public static AlertmanagerServer start(String webhookUrl, String token) {
    assumeInstalled();
    try {
      Path directory = Files.createTempDirectory("changegate-alertmanager");
      AlertmanagerServer server = new AlertmanagerServer(directory, PrometheusServer.freePort());
      Files.writeString(directory.resolve("alertmanager.yml"), """
          route:
            receiver: changegate
            group_by: ['alertname', 'service', 'environment']
            group_wait: 0s
            group_interval: 1s
            repeat_interval: 1h
          receivers:
            - name: changegate
              webhook_configs:
                - url: '%s'
                  send_resolved: true
                  http_config:
                    authorization:
                      type: Bearer
                      credentials: '%s'
          """.formatted(webhookUrl, token));
      Files.createDirectories(directory.resolve("data"));
      server.process = new ProcessBuilder(List.of(BINARY.toString(),
          "--config.file=" + directory.resolve("alertmanager.yml"),
          "--storage.path=" + directory.resolve("data"),
          "--web.listen-address=127.0.0.1:" + server.port,
          "--cluster.listen-address=",
          "--log.level=warn"))
          .redirectErrorStream(true).redirectOutput(directory.resolve("alertmanager.log").toFile()).start();
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ": "
            + Files.readString(directory.resolve("alertmanager.log")));
      }
      try {
        if (CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Alertmanager was not ready within 60 s");
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Fires an alert as Prometheus would: {@code POST /api/v2/alerts}. */
  public void fire(String alertname, String service, String environment) {
    String body = """
        [{"labels": {"alertname": "%s", "service": "%s", "environment": "%s", "severity": "critical"},
          "annotations": {"summary": "5xx above 5%% for 1m"},
          "generatorURL": "http://prometheus.example:9090/graph"}]""".formatted(alertname, service, environment);
    try {
      HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Alertmanager refused the alert: " + response.statusCode() + " "
            + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
