package io.changegate.benchmark;

import io.changegate.ChangegateApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failover on two nodes (PostgreSQL, {@code -Dtest=FailoverBenchmark}): nodes A and B run the application on one
 * database; standard changes are submitted to A, A is killed ({@code kill -9}) while it holds jobs, and B finishes
 * every change. Prints how long after the kill the last change completed and how long the changes A held waited:
 * the job lock time ({@code camunda.bpm.job-execution.lock-time-in-millis}) bounds it. Asserts nothing about speed.
 */
class FailoverBenchmark {

  private static final int CHANGES = 200;

  @Test
  void aKilledNodesJobsAreTakenOver() throws Exception {
    BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    Optional<String> unusable = BenchmarkDatabases.recreatePostgres(settings);
    if (unusable.isPresent()) {
      System.out.println("SKIPPED FailoverBenchmark: " + unusable.get());
      return;
    }
    Path dir = Files.createTempDirectory("bench-failover");
    Node a = Node.start("a", settings, dir);
    Node b = null;
    StringBuilder out = new StringBuilder("\n" + "=".repeat(96) + "\nFAILOVER (two nodes, PostgreSQL)\n");
    try {
      a.awaitUp();
      b = Node.start("b", settings, dir);
      b.awaitUp();
      for (int i = 0; i < CHANGES; i++) {
        a.submit(i);
      }
      long killedAt = System.nanoTime();
      a.process.destroyForcibly().waitFor();
      int lockedByA = lockedJobs(settings);
      long deadline = killedAt + Duration.ofSeconds(240).toNanos();
      long completed = 0;
      while (System.nanoTime() < deadline) {
        completed = completed(settings);
        if (completed >= CHANGES) {
          break;
        }
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - killedAt) / 1e9;
      out.append(row("changes submitted to node A, then A killed (kill -9)", String.valueOf(CHANGES))).append('\n');
      out.append(row("jobs locked right after the kill (both nodes)", String.valueOf(lockedByA)))
          .append('\n');
      out.append(row("node B: changes COMPLETED", completed + " of " + CHANGES)).append('\n');
      out.append(row("from the kill to the last change COMPLETED on B",
          String.format(Locale.ROOT, "%.1f s", seconds) + (completed >= CHANGES && seconds <= 60 ? " target met (<= 60 s)"
              : " TARGET MISSED (<= 60 s)"))).append('\n');
    } finally {
      a.process.destroyForcibly();
      if (b != null) {
        b.process.destroy();
        b.process.waitFor();
      }
    }
    out.append("=".repeat(96)).append('\n');
    System.out.println(out);
  }

  private static int lockedJobs(BenchmarkSettings settings) throws SQLException {
    return queryInt(settings, "SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL AND lock_exp_time_ > now()");
  }

  private static long completed(BenchmarkSettings settings) throws SQLException {
    return queryInt(settings, "SELECT COUNT(*) FROM changegate_change WHERE status = 'COMPLETED'");
  }

  private static int queryInt(BenchmarkSettings settings, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(settings.postgresUrl(), settings.postgresUser(),
        settings.postgresPassword()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String row(String label, String value) {
    return "%-72s %s".formatted(label, value);
  }

  /** One node: the application in a JVM of its own, on the benchmark's PostgreSQL database. */
  private record Node(String name, Process process, int port, HttpClient http) {

    static Node start(String name, BenchmarkSettings settings, Path dir) throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          BenchmarkSettings.DEMO_HEAP, "-cp", classPath, ChangegateApplication.class.getName(),
          "--spring.profiles.active=postgres", "--server.port=" + port, "--logging.level.root=WARN",
          "--spring.datasource.url=" + settings.postgresUrl(),
          "--spring.datasource.username=" + settings.postgresUser(),
          "--spring.datasource.password=" + settings.postgresPassword(),
          "--changegate.security.admin.password=bench", "--changegate.security.demo-users=true"));
      // outside the demo the environments come from the catalog (staging and production, the command adapter)
      command.addAll(BenchmarkDatabases.catalogArguments());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("node-" + name + ".log").toFile()).start();
      return new Node(name, process, port, HttpClient.newHttpClient());
    }

    void awaitUp() throws InterruptedException {
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET()
          .build();
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          if (http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"")) {
            return;
          }
        } catch (IOException notYet) {
          // starting
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("node " + name + " did not start");
    }

    void submit(int i) throws IOException, InterruptedException {
      String body = """
          {"title": "Failover", "service": "payments-api", "environment": "staging",
           "artifact": {"name": "payments-api", "version": "4.0.%d"}, "impact": "LOW", "urgency": "LOW",
           "standardChangeTemplate": "config-toggle", "targets": [{"adapter": "command", "name": "failover-%d"}]}"""
          .formatted(i, i);
      String auth = "Basic " + Base64.getEncoder().encodeToString("requester:requester".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/changes")).header("Authorization", auth).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("submit answered " + answer.statusCode() + ": " + answer.body());
      }
    }
  }
}
