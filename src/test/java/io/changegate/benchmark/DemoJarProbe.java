package io.changegate.benchmark;

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
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts the packaged application as a user would ({@code java -Xmx384m -jar target/changegate-*.jar},
 * demo profile, H2 file database in a temporary directory, a free port), waits for
 * {@code /actuator/health} to say UP, submits a few standard changes over HTTP as the demo requester and
 * waits until they are COMPLETED, then stops it.
 */
final class DemoJarProbe {

  static final String TITLE = "Benchmark standard change (-Xmx384m jar)";

  private static final Pattern STARTED = Pattern.compile("Started ChangegateApplication in ([0-9.]+) seconds");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private DemoJarProbe() {}

  record Result(String jar, boolean up, long healthUpMillis, String springStartup, int changes, long completed,
      double changesPerSecond, long rssMegabytes, boolean outOfMemory, String problem) {

    static Result skipped(String why) {
      return new Result(null, false, -1, null, 0, 0, 0, -1, false, why);
    }
  }

  static Result run(BenchmarkSettings settings) {
    Optional<Path> jar = findJar();
    if (jar.isEmpty()) {
      return Result.skipped("no target/changegate-*.jar: run ./mvnw -o -Pbenchmark verify (packages first) "
          + "or ./mvnw -o -q -DskipTests package");
    }
    Path dir;
    int port;
    try {
      dir = Files.createTempDirectory("changegate-bench-jar");
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    } catch (IOException e) {
      return Result.skipped("cannot prepare: " + e);
    }
    Path log = dir.resolve("changegate.log");
    Process process = null;
    try {
      Instant start = Instant.now();
      process = launch(jar.get(), dir, port, log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      long upMillis = waitForHealth(http, base, process, start);
      String springStartup = springStartup(log);
      if (upMillis < 0) {
        return new Result(jar.get().getFileName().toString(), false, -1, springStartup, 0, 0, 0, rss(process),
            outOfMemory(log), "did not reach /actuator/health UP within " + START_TIMEOUT.toSeconds() + " s"
                + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; log: " + log);
      }
      // one change alone first (see ChangegateRun#measure: the sandbox's first deployment to a target)
      int first = submitOverHttp(http, base, 0, 1, 1);
      waitForCompleted(http, base, first, settings.phaseTimeout(), process);
      int count = settings.demoJarChanges();
      Instant loadStart = Instant.now();
      int accepted = submitOverHttp(http, base, 1, count, settings.threads());
      long completed = waitForCompleted(http, base, first + accepted, settings.phaseTimeout(), process) - first;
      double seconds = Duration.between(loadStart, Instant.now()).toNanos() / 1e9;
      boolean oom = outOfMemory(log);
      String problem = !process.isAlive() ? "process exited " + process.exitValue() + "; log: " + log
          : accepted < count ? (count - accepted) + " submissions refused; log: " + log
          : completed < accepted ? "only " + completed + " of " + accepted + " COMPLETED; log: " + log
          : null;
      return new Result(jar.get().getFileName().toString(), true, upMillis, springStartup, count, completed,
          completed / seconds, rss(process), oom, problem);
    } catch (IOException | RuntimeException e) {
      return Result.skipped("failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.skipped("interrupted");
    } finally {
      stop(process);
    }
  }

  /**
   * {@code java -Xmx384m -jar <jar>} in the demo profile on {@code port}, with an H2 file database in {@code dir},
   * logging to {@code log}.
   */
  static Process launch(Path jar, Path dir, int port, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, BenchmarkSettings.DEMO_HEAP,
        // a heap too small must show as a dead process, not as a slow one
        "-XX:+ExitOnOutOfMemoryError",
        "-jar", jar.toString(),
        "--server.port=" + port,
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("changegate") + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static Optional<Path> findJar() {
    Path target = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith("changegate-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
            && !name.endsWith("-javadoc.jar");
      }).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static long waitForHealth(HttpClient http, String base, Process process, Instant start)
      throws InterruptedException {
    Instant deadline = start.plus(START_TIMEOUT);
    HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return Duration.between(start, Instant.now()).toMillis();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return -1;
  }

  private static int submitOverHttp(HttpClient http, String base, int from, int count, int threads)
      throws InterruptedException {
    String auth = "Basic " + Base64.getEncoder().encodeToString(
        (ChangegateRun.REQUESTER + ":" + ChangegateRun.REQUESTER).getBytes(StandardCharsets.UTF_8));
    return HttpLoad.send(http, from, count, threads, i -> HttpRequest.newBuilder(URI.create(base + "/api/changes"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"title": "%s", "service": "%s", "environment": "%s",
             "artifact": {"name": "%s", "version": "2.0.%d"}, "impact": "LOW", "urgency": "LOW",
             "standardChangeTemplate": "%s"}""".formatted(TITLE, ChangegateRun.SERVICE, ChangegateRun.ENVIRONMENT,
            ChangegateRun.SERVICE, i, ChangegateRun.TEMPLATE)))
        .build());
  }

  private static long waitForCompleted(HttpClient http, String base, int expected, Duration timeout,
      Process process) throws IOException, InterruptedException {
    String auth = "Basic " + Base64.getEncoder().encodeToString(
        (ChangegateRun.REQUESTER + ":" + ChangegateRun.REQUESTER).getBytes(StandardCharsets.UTF_8));
    // the probe's own changes only (staging): the demo's history, seeded at the first start, is production's
    HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/api/changes?status=COMPLETED&environment="
            + ChangegateRun.ENVIRONMENT + "&service=" + ChangegateRun.SERVICE + "&limit=500"))
        .timeout(Duration.ofSeconds(10)).header("Authorization", auth).GET().build();
    Instant deadline = Instant.now().plus(timeout);
    long completed = 0;
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      String body = http.send(list, HttpResponse.BodyHandlers.ofString()).body();
      completed = body.split(java.util.regex.Pattern.quote("\"title\":\"" + TITLE + "\""), -1).length - 1;
      if (completed >= expected) {
        break;
      }
      Thread.sleep(100);
    }
    return completed;
  }

  private static String springStartup(Path log) {
    try {
      Matcher m = STARTED.matcher(Files.readString(log));
      return m.find() ? m.group(1) + " s" : "(no 'Started' line)";
    } catch (IOException e) {
      return "(log unreadable)";
    }
  }

  private static boolean outOfMemory(Path log) {
    try {
      return Files.readString(log).contains("OutOfMemoryError");
    } catch (IOException e) {
      return false;
    }
  }

  /** Resident set size of the child in MB (Linux), -1 where unknown. */
  private static long rss(Process process) {
    Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or gone
    }
    return -1;
  }

  static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
