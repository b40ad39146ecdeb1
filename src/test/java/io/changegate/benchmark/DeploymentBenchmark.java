package io.changegate.benchmark;

import io.changegate.ChangegateApplication;
import io.changegate.change.Artifact;
import io.changegate.change.ChangeRequest;
import io.changegate.change.ChangeService;
import io.changegate.change.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 5, item 10 ({@code ./mvnw -Pbenchmark verify}): standard changes with three sandbox targets each, through
 * {@link ChangeService#submit} with the job executor on (demo profile, in-memory H2), until COMPLETED. Prints the
 * end-to-end time and the engine time per change (sum of the durations of the deployment's activity instances,
 * i.e. the work of the jobs, without the time jobs wait to be picked up), the jobs per change, and changes per
 * second with several changes in flight. It asserts nothing and never fails the build: a failure is printed.
 * The sandbox does no network call, so these are the engine's and Changegate's own costs, not a real system's.
 */
class DeploymentBenchmark {

  static final int SEQUENTIAL = 20;
  static final int CONCURRENT = 60;
  static final int CLIENTS = 4;

  @Test
  void changesWithThreeSandboxTargets() {
    try {
      run();
    } catch (Exception | AssertionError e) {
      System.out.println("DeploymentBenchmark could not measure: " + e);
      e.printStackTrace(System.out);
    }
  }

  private void run() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChangegateApplication.class)
        .profiles("demo")
        .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "--logging.level.root=WARN", "--changegate.deployment.max-concurrent-deployments=100")) {
      ChangeService changes = app.getBean(ChangeService.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      HistoryService history = app.getBean(HistoryService.class);
      AtomicLong counter = new AtomicLong();

      // warm-up
      for (int i = 0; i < 5; i++) {
        awaitCompleted(jdbc, List.of(changes.submit(request(counter.incrementAndGet()), "requester").id()));
      }

      List<Double> endToEnd = new ArrayList<>();
      List<Double> engine = new ArrayList<>();
      List<Long> jobs = new ArrayList<>();
      for (int i = 0; i < SEQUENTIAL; i++) {
        long start = System.nanoTime();
        String id = changes.submit(request(counter.incrementAndGet()), "requester").id();
        awaitCompleted(jdbc, List.of(id));
        endToEnd.add((System.nanoTime() - start) / 1e6);
        engine.add(engineMillis(history, id));
        String deployment = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
            .processDefinitionKey("deployment").singleResult().getId();
        jobs.add(history.createHistoricJobLogQuery().processInstanceId(deployment).successLog().count());
      }

      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      long start = System.nanoTime();
      List<Future<String>> submitted = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        long n = counter.incrementAndGet();
        submitted.add(clients.submit(() -> changes.submit(request(n), "requester").id()));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> id : submitted) {
        ids.add(id.get(2, TimeUnit.MINUTES));
      }
      awaitCompleted(jdbc, ids);
      double seconds = (System.nanoTime() - start) / 1e9;
      clients.shutdown();

      StringBuilder report = new StringBuilder("\n=== DeploymentBenchmark: standard changes, 3 sandbox targets each ===\n");
      report.append(String.format(Locale.ROOT, "machine: %d CPU(s), Java %s, H2 in memory, job executor of the demo"
          + " profile%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
      report.append(String.format(Locale.ROOT, "one at a time (%d changes): end to end  mean %.0f ms, median %.0f ms,"
          + " p95 %.0f ms%n", SEQUENTIAL, mean(endToEnd), percentile(endToEnd, 50), percentile(endToEnd, 95)));
      report.append(String.format(Locale.ROOT, "                           engine time mean %.0f ms, median %.0f ms"
          + " per change (activity work in the deployment process)%n", mean(engine), percentile(engine, 50)));
      report.append(String.format(Locale.ROOT, "                           jobs per deployment: %s%n",
          jobs.stream().distinct().sorted().toList()));
      report.append(String.format(Locale.ROOT, "%d changes in flight from %d clients: %.1f s, %.2f changes/s"
          + " (%.2f target deployments/s)%n", CONCURRENT, CLIENTS, seconds, CONCURRENT / seconds,
          3 * CONCURRENT / seconds));
      System.out.println(report);
    }
  }

  private static ChangeRequest request(long n) {
    String digest = "sha256:" + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(n)
        .putLong(System.nanoTime()).array());
    List<Target> targets = List.of(new Target("sandbox", "bench-" + n + "-api"),
        new Target("sandbox", "bench-" + n + "-worker"), new Target("sandbox", "bench-" + n + "-web"));
    return new ChangeRequest("Benchmark " + n, null, "payments-api", "staging",
        new Artifact("payments-api", "1." + n, digest), "LOW", "LOW", null, null, "config-toggle", null, null, null,
        null, targets, null, null, null, null, null, null);
  }

  private static double engineMillis(HistoryService history, String changeId) {
    String deployment = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(changeId)
        .processDefinitionKey("deployment").singleResult().getId();
    return history.createHistoricActivityInstanceQuery().processInstanceId(deployment).list().stream()
        .filter(a -> a.getDurationInMillis() != null && !a.getActivityType().contains("subProcess")
            && !"multiInstanceBody".equals(a.getActivityType()))
        .mapToLong(a -> a.getDurationInMillis()).sum();
  }

  private static void awaitCompleted(JdbcClient jdbc, List<String> ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    for (String id : ids) {
      while (true) {
        String status = jdbc.sql("SELECT status FROM changegate_change WHERE id = ?").param(id)
            .query(String.class).single();
        if ("COMPLETED".equals(status)) {
          break;
        }
        if (status.matches("FAILED|ROLLED_BACK|ROLLING_BACK") || System.nanoTime() > deadline) {
          throw new IllegalStateException(id + " is " + status);
        }
        Thread.sleep(5);
      }
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
