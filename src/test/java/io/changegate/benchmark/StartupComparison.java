package io.changegate.benchmark;

import io.changegate.ChangegateApplication;
import bare.BareCamundaApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up of Changegate against a bare Boot + Camunda app ({@link BareCamundaApp}), measured in the same run the
 * same way: each a JVM of its own ({@code java -Xmx384m -cp <the test class path>}), an H2 file database in a
 * temporary directory, timed from the process start until {@code /actuator/health} answers UP. Each app starts
 * once on an empty database and then twice on the database it left (a restart, the usual case); the ratio is that
 * of the faster restart of each (the machine is shared: the faster one is the least disturbed). Beside the wall
 * clock it prints the processor time each JVM had used by then (all its threads: the JIT compilers as well as the
 * main thread), which varies less with what else the machine runs.
 */
final class StartupComparison {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private StartupComparison() {}

  record Result(List<String> rows, double ratio) {}

  static Result run() {
    List<String> rows = new ArrayList<>();
    try {
      Path bareDir = Files.createTempDirectory("bench-bare-camunda");
      Path changegateDir = Files.createTempDirectory("bench-changegate");
      List<Started> bare = new ArrayList<>();
      List<Started> changegate = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        bare.add(start(BareCamundaApp.class.getName(), bareArgs(bareDir), bareDir));
        changegate.add(start(ChangegateApplication.class.getName(), List.of(
            "--spring.datasource.url=jdbc:h2:file:" + changegateDir.resolve("db") + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256"),
            changegateDir));
      }
      rows.add(row("bare Boot+Camunda, -Xmx384m, health UP: empty database / restarts",
          ms(bare.get(0).wallMillis()) + " / " + ms(bare.get(1).wallMillis()) + ", " + ms(bare.get(2).wallMillis())));
      rows.add(row("Changegate (demo), -Xmx384m, health UP: empty database / restarts",
          ms(changegate.get(0).wallMillis()) + " / " + ms(changegate.get(1).wallMillis()) + ", "
              + ms(changegate.get(2).wallMillis())));
      rows.add(row("  processor time until health UP, restarts: bare / Changegate",
          ms(bare.get(1).cpuMillis()) + ", " + ms(bare.get(2).cpuMillis()) + " / " + ms(changegate.get(1).cpuMillis())
              + ", " + ms(changegate.get(2).cpuMillis())));
      long bareCpu = Math.min(bare.get(1).cpuMillis(), bare.get(2).cpuMillis());
      long changegateCpu = Math.min(changegate.get(1).cpuMillis(), changegate.get(2).cpuMillis());
      if (bareCpu > 0 && changegateCpu > 0) {
        rows.add(row("  processor time until health UP, restarts: ratio", fmt(changegateCpu / (double) bareCpu) + "x"));
      }
      long bareRestart = Math.min(bare.get(1).wallMillis(), bare.get(2).wallMillis());
      long changegateRestart = Math.min(changegate.get(1).wallMillis(), changegate.get(2).wallMillis());
      rows.add(row("  empty database: ratio",
          fmt(changegate.get(0).wallMillis() / (double) bare.get(0).wallMillis()) + "x"));
      if (bareRestart <= 0 || changegateRestart <= 0) {
        return new Result(rows, -1);
      }
      return new Result(rows, changegateRestart / (double) bareRestart);
    } catch (IOException | RuntimeException e) {
      rows.add(row("start-up comparison", "not run: " + e));
      return new Result(rows, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(rows, -1);
    }
  }

  private static List<String> bareArgs(Path dir) {
    return List.of(
        // none of Changegate's application*.yaml: a bare app has its own (here: none)
        "--spring.config.name=bare-camunda-app",
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=10000",
        "--spring.flyway.enabled=false",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--camunda.bpm.history-level=full",
        "--camunda.bpm.admin-user.id=admin",
        "--camunda.bpm.admin-user.password=admin");
  }

  /** Milliseconds from the process start to health UP, and the processor time used by then; -1 when it did not. */
  record Started(long wallMillis, long cpuMillis) {}

  private static Started start(String mainClass, List<String> args, Path dir)
      throws IOException, InterruptedException {
    Launched app = launch(mainClass, args, dir);
    try {
      return new Started(app.healthUpMillis(), app.cpuMillis());
    } finally {
      DemoJarProbe.stop(app.process());
    }
  }

  /**
   * A JVM of its own on the test class path, {@link #launch started} and up (or not: healthUpMillis -1), with the
   * processor time it had used when health answered UP (-1 where the platform does not tell).
   */
  record Launched(Process process, String base, long healthUpMillis, long cpuMillis) {}

  /**
   * Starts {@code mainClass} as {@code java -Xmx384m -cp <the test class path>} on a free port, logging to a file in
   * {@code dir}, and waits until {@code /actuator/health} answers UP.
   */
  static Launched launch(String mainClass, List<String> args, Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        BenchmarkSettings.DEMO_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classPath, mainClass,
        "--server.port=" + port, "--logging.level.root=WARN"));
    command.addAll(args);
    Path log = dir.resolve("start-" + System.nanoTime() + ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = start + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          long upMillis = (System.nanoTime() - start) / 1_000_000;
          return new Launched(process, base, upMillis,
              process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    return new Launched(process, base, -1, -1);
  }

  private static String row(String label, String value) {
    return "%-72s %s".formatted(label, value);
  }

  private static String ms(long millis) {
    return millis < 0 ? "did not start" : String.format(Locale.ROOT, "%,d ms", millis);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
