package io.changegate.benchmark;

import bare.BareCamundaApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * Issue 19 measured the way the issue measured it: the packaged jar in the demo profile against a stock Boot + Camunda
 * app ({@link BareCamundaApp} with the starters' defaults: its own job executor settings, no Spring Security, no
 * Changegate), each in a JVM of its own with {@code -Xmx384m} and an H2 file database, both driven over HTTP by the
 * settings' client threads. The bare app runs {@link BareProcess} (started with {@code POST /engine-rest/...start});
 * Changegate runs standard changes ({@code POST /api/changes}, each with a target of its own, the demo's staging slot
 * limit). Each counts as done when the engine's history has its top-level instance finished. The main benchmark's
 * yardstick, a bare process in Changegate's own engine, is stricter: it runs on Changegate's tuned job executor.
 */
final class StockAppComparison {

  private static final String CHANGE_TITLE = "Benchmark standard change (stock app comparison)";
  private static final String ADMIN = "admin";
  /** The stock app has no Spring Security; the class path it shares with the tests has. */
  private static final String NO_SECURITY = String.join(",",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration");

  private StockAppComparison() {}

  /** Instances (changes) per second of each app, measured; -1 where it was not. */
  record Result(List<String> rows, double bare, double changegate) {

    double ratio() {
      return bare > 0 && changegate > 0 ? changegate / bare : -1;
    }
  }

  static Result run(BenchmarkSettings settings) {
    List<String> rows = new ArrayList<>();
    Optional<Path> jar = DemoJarProbe.findJar();
    if (jar.isEmpty()) {
      rows.add(row("stock app comparison", "not run: no target/changegate-*.jar"));
      return new Result(rows, -1, -1);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      double bare = bare(http, settings, rows);
      double changegate = changegate(http, jar.get(), settings, rows);
      return new Result(rows, bare, changegate);
    } catch (IOException | RuntimeException e) {
      rows.add(row("stock app comparison", "not run: " + e));
      return new Result(rows, -1, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(rows, -1, -1);
    }
  }

  private static double bare(HttpClient http, BenchmarkSettings settings, List<String> rows)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bench-stock-camunda");
    StartupComparison.Launched app = StartupComparison.launch(BareCamundaApp.class.getName(), List.of(
        "--spring.config.name=bare-camunda-app",
        "--spring.autoconfigure.exclude=" + NO_SECURITY,
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=10000",
        "--spring.flyway.enabled=false",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--camunda.bpm.history-level=full",
        "--camunda.bpm.admin-user.id=" + ADMIN,
        "--camunda.bpm.admin-user.password=" + ADMIN), dir);
    try {
      if (app.healthUpMillis() < 0) {
        rows.add(row("bare Boot+Camunda app (stock settings)", "did not start; log in " + dir));
        return -1;
      }
      deploy(http, app.base());
      HttpRequest count = get(app.base() + "/engine-rest/history/process-instance/count?finished=true"
          + "&processDefinitionKey=" + BareProcess.KEY, null);
      IntFunction<HttpRequest> start = i -> HttpRequest.newBuilder(
              URI.create(app.base() + "/engine-rest/process-definition/key/" + BareProcess.KEY + "/start"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
      double perSecond = measure(http, settings, app.process(), count, start);
      rows.add(row("bare Boot+Camunda app (stock settings), instances/s over HTTP", rate(perSecond)));
      return perSecond;
    } finally {
      DemoJarProbe.stop(app.process());
    }
  }

  private static double changegate(HttpClient http, Path jar, BenchmarkSettings settings, List<String> rows)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bench-stock-changegate");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    Instant started = Instant.now();
    Process process = DemoJarProbe.launch(jar, dir, port, dir.resolve("changegate.log"));
    try {
      if (DemoJarProbe.waitForHealth(http, base, process, started) < 0) {
        rows.add(row("Changegate jar (demo)", "did not start; log in " + dir));
        return -1;
      }
      String requester = basic(ChangegateRun.REQUESTER);
      HttpRequest count = get(base + "/engine-rest/history/process-instance/count?finished=true"
          + "&processDefinitionKey=change-request", basic(ADMIN));
      IntFunction<HttpRequest> submit = i -> HttpRequest.newBuilder(URI.create(base + "/api/changes"))
          .timeout(Duration.ofSeconds(30)).header("Authorization", requester)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("""
              {"title": "%s", "service": "%s", "environment": "%s",
               "artifact": {"name": "%s", "version": "4.0.%d"}, "impact": "LOW", "urgency": "LOW",
               "standardChangeTemplate": "%s", "targets": [{"adapter": "sandbox", "name": "stock-comparison-%d"}]}"""
              .formatted(CHANGE_TITLE, ChangegateRun.SERVICE, ChangegateRun.ENVIRONMENT, ChangegateRun.SERVICE, i,
                  ChangegateRun.TEMPLATE, i)))
          .build();
      double perSecond = measure(http, settings, process, count, submit);
      long unsuccessful = unsuccessful(http, base, requester);
      rows.add(row("Changegate jar (demo, staging slot limit 5), standard changes/s over HTTP",
          unsuccessful == 0 ? rate(perSecond) : "INCOMPLETE: " + unsuccessful + " changes ended other than COMPLETED"));
      return unsuccessful == 0 ? perSecond : -1;
    } finally {
      DemoJarProbe.stop(process);
    }
  }

  /** The settings' warm-up, then its measured number, from submission of the first until the last has finished. */
  private static double measure(HttpClient http, BenchmarkSettings settings, Process process, HttpRequest count,
      IntFunction<HttpRequest> request) throws IOException, InterruptedException {
    long before = HttpLoad.count(http, count);
    int warmedUp = HttpLoad.send(http, 0, settings.warmup(), settings.threads(), request);
    HttpLoad.waitForCount(http, count, before + warmedUp, settings.phaseTimeout(), process);
    long start = System.nanoTime();
    long from = HttpLoad.count(http, count);
    int accepted = HttpLoad.send(http, settings.warmup(), settings.changes(), settings.threads(), request);
    long reached = HttpLoad.waitForCount(http, count, from + settings.changes(), settings.phaseTimeout(), process);
    double seconds = (System.nanoTime() - start) / 1e9;
    return accepted < settings.changes() || reached < from + settings.changes() ? -1 : settings.changes() / seconds;
  }

  /** The comparison's changes that ended FAILED, ROLLED_BACK, REJECTED or CANCELLED (a finished instance each too). */
  private static long unsuccessful(HttpClient http, String base, String requester)
      throws IOException, InterruptedException {
    long found = 0;
    for (String status : List.of("FAILED", "ROLLED_BACK", "REJECTED", "CANCELLED")) {
      String body = http.send(get(base + "/api/changes?status=" + status + "&service=" + ChangegateRun.SERVICE
          + "&environment=" + ChangegateRun.ENVIRONMENT + "&limit=500", requester), HttpResponse.BodyHandlers.ofString())
          .body();
      found += body.split(java.util.regex.Pattern.quote("\"title\":\"" + CHANGE_TITLE + "\""), -1).length - 1;
    }
    return found;
  }

  /** {@link BareProcess} deployed over the stock app's {@code /engine-rest} (multipart, as Camunda Modeler does). */
  private static void deploy(HttpClient http, String base) throws IOException, InterruptedException {
    String boundary = "bench" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbenchmark\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + BareProcess.RESOURCE
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + Bpmn.convertToString(BareProcess.model())
        + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("deploying the bare process answered " + response.statusCode() + ": "
          + response.body());
    }
  }

  private static HttpRequest get(String uri, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET();
    return (authorization == null ? builder : builder.header("Authorization", authorization)).build();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static String rate(double perSecond) {
    return perSecond < 0 ? "INCOMPLETE" : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  private static String row(String label, String value) {
    return "%-72s %s".formatted(label, value);
  }
}
