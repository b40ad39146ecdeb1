package io.changegate.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.ChangegateApplication;
import io.changegate.change.Artifact;
import io.changegate.change.ChangeRequest;
import io.changegate.change.ChangeService;
import io.changegate.change.SyntheticCheck;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import io.changegate.monitoring.MetricsTarget;
import io.changegate.monitoring.MonitoringProperties;
import io.changegate.monitoring.PrometheusServer;
import io.changegate.monitoring.SuccessCriteriaResolver;
import io.changegate.monitoring.ValidationReport;
import io.changegate.monitoring.ValidationRequest;
import io.changegate.monitoring.ValidationRound;
import io.changegate.monitoring.prometheus.PrometheusMetricsAdapter;
import io.changegate.monitoring.prometheus.PrometheusProperties;
import io.changegate.monitoring.synthetic.SyntheticTransactions;
import io.changegate.outbound.Credentials;
import java.nio.file.Files;
import java.time.Clock;
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
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

/**
 * Issue 6, item 8 ({@code ./mvnw -Pbenchmark verify}): the cost of post-deployment validation against a real
 * Prometheus (Debian's binary, scraping {@value #SERIES} service versions every second from a local target).
 *
 * <p>(1) One validation round without the engine: three instant queries (error rate, p95 latency, request volume)
 * and one synthetic transaction, one at a time and from {@value #THREADS} threads. (2) One node with the engine:
 * {@value #STABILIZING} standard changes stabilizing at once with a validation round due every second (far more
 * often than the default of one a minute), so the node runs as many rounds as it can: the validation rounds
 * completed per minute are how many stabilizing changes it can check once a minute. Asserts nothing; without the
 * binary it prints why and measures nothing.
 */
class ValidationRoundBenchmark {

  static final int SERIES = 200;
  static final int ROUNDS = 300;
  static final int THREADS = 8;
  static final int STABILIZING = 150;
  static final Duration WINDOW = Duration.ofSeconds(60);

  @Test
  void validationRounds() {
    if (!Files.isExecutable(PrometheusServer.BINARY)) {
      System.out.println("ValidationRoundBenchmark: no Prometheus binary at " + PrometheusServer.BINARY
          + ": nothing measured");
      return;
    }
    try (MetricsTarget target = new MetricsTarget();
        PrometheusServer prometheus = PrometheusServer.start(target.port())) {
      for (int i = 0; i < SERIES; i++) {
        target.serve("payments-api", "staging", "1." + i, 0.01, 0.04);
      }
      prometheus.awaitData("sum(rate(http_requests_total{version=\"1." + (SERIES - 1) + "\"}[10s])) > 0",
          Duration.ofSeconds(60));
      StringBuilder report = new StringBuilder("\n=== ValidationRoundBenchmark: validation against a real Prometheus"
          + " (2.42, " + SERIES + " series scraped every 1 s) ===\n");
      report.append(String.format(Locale.ROOT, "machine: %d CPU(s), Java %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
      withoutEngine(prometheus, target, report);
      withEngine(prometheus, report);
      System.out.println(report);
    } catch (Exception | AssertionError e) {
      System.out.println("ValidationRoundBenchmark could not measure: " + e);
      e.printStackTrace(System.out);
    }
  }

  /** (1) ValidationRound alone: 3 PromQL instant queries + 1 synthetic HTTP check per round. */
  private static void withoutEngine(PrometheusServer prometheus, MetricsTarget target, StringBuilder report)
      throws Exception {
    PrometheusProperties properties = new PrometheusProperties(prometheus.url(), null, Duration.ofSeconds(5), "10s",
        new PrometheusProperties.Queries(PrometheusProperties.ERROR_RATE, PrometheusProperties.LATENCY_P95_MS,
            PrometheusProperties.REQUESTS), null);
    MonitoringProperties monitoring = new MonitoringProperties("prometheus",
        new MonitoringProperties.Criteria(0.05, 1000, 50L, 0), null, Duration.ofSeconds(5));
    ValidationRound round = new ValidationRound(new SuccessCriteriaResolver(monitoring),
        new PrometheusMetricsAdapter(properties, new Credentials(new MockEnvironment()), new ObjectMapper(),
            Clock.systemUTC()),
        new SyntheticTransactions(monitoring));
    ValidationSpec spec = new ValidationSpec(null, null, 0,
        List.of(new SyntheticCheck(target.url("/health"), "GET", 200, 1000, "UP")));

    for (int i = 0; i < 50; i++) {
      round.validate(request(i, spec));
    }
    List<Double> sequential = new ArrayList<>();
    int failed = 0;
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      ValidationReport result = round.validate(request(i, spec));
      sequential.add((System.nanoTime() - start) / 1e6);
      failed += result.passed() ? 0 : 1;
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < ROUNDS * 2; i++) {
      int n = i;
      futures.add(pool.submit(() -> round.validate(request(n, spec))));
    }
    for (Future<?> future : futures) {
      future.get(2, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    report.append(String.format(Locale.ROOT, "(1) one validation round = 3 instant queries + 1 synthetic GET, no"
            + " engine: %d rounds one at a time: median %.1f ms, p95 %.1f ms, max %.1f ms (%d not passed)%n",
        ROUNDS, percentile(sequential, 50), percentile(sequential, 95), Collections.max(sequential), failed));
    report.append(String.format(Locale.ROOT, "    %d rounds from %d threads: %.1f s, %.0f rounds/s = %.0f"
        + " rounds/min%n", ROUNDS * 2, THREADS, seconds, ROUNDS * 2 / seconds, ROUNDS * 2 / seconds * 60));
  }

  private static ValidationRequest request(int i, ValidationSpec spec) {
    return new ValidationRequest("CHG-" + i, "payments-api", "staging", "1." + (i % SERIES), spec);
  }

  /** (2) The node: stabilizing changes, a round due every second each, rounds completed per minute. */
  private static void withEngine(PrometheusServer prometheus, StringBuilder report) throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChangegateApplication.class)
        .profiles("demo")
        .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "--logging.level.root=WARN", "--changegate.deployment.max-concurrent-deployments=1000",
            "--changegate.deployment.rollout-poll-interval=PT1S", "--changegate.deployment.validation-interval=PT1S",
            "--changegate.monitoring.adapter=prometheus", "--changegate.monitoring.prometheus.url=" + prometheus.url(),
            "--changegate.monitoring.prometheus.window=10s")) {
      ChangeService changes = app.getBean(ChangeService.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < STABILIZING; i++) {
        ids.add(changes.submit(request(i), "requester").id());
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (stabilizing(jdbc, ids) < STABILIZING && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      int stabilizing = stabilizing(jdbc, ids);
      long before = rounds(jdbc);
      long start = System.nanoTime();
      Thread.sleep(WINDOW.toMillis());
      long done = rounds(jdbc) - before;
      double minutes = (System.nanoTime() - start) / 6e10;
      long failed = jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE action = 'VALIDATION_FAILED'")
          .query(Long.class).single();
      report.append(String.format(Locale.ROOT, "(2) one node (demo profile, H2 in memory, job executor of the demo"
              + " profile): %d changes stabilizing, a round due every 1 s each%n", stabilizing));
      double demand = stabilizing * 60.0;
      report.append(String.format(Locale.ROOT, "    validation rounds completed: %d in %.2f min = %.0f rounds/min"
              + " (%d failed rounds); asked for at most %.0f/min (every change every 1 s): %s%n",
          done, minutes, done / minutes, failed, demand, done / minutes < 0.8 * demand
              ? "saturated -> one node checks about " + Math.round(done / minutes) + " stabilizing changes once a minute"
              : "not saturated -> at least " + Math.round(done / minutes) + " stabilizing changes once a minute"));
    }
  }

  private static int stabilizing(JdbcClient jdbc, List<String> ids) {
    return jdbc.sql("SELECT COUNT(DISTINCT change_id) FROM changegate_audit WHERE action = 'STABILIZING'")
        .query(Integer.class).single();
  }

  private static long rounds(JdbcClient jdbc) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE action IN ('VALIDATED', 'VALIDATION_FAILED')")
        .query(Long.class).single();
  }

  private static ChangeRequest request(long n) {
    String digest = "sha256:" + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(n)
        .putLong(System.nanoTime()).array());
    return new ChangeRequest("Stabilizing " + n, null, "payments-api", "staging",
        new Artifact("payments-api", "1." + (n % SERIES), digest), "LOW", "LOW", null, null, "config-toggle", null,
        null, null, null, List.of(new Target("sandbox", "stab-" + n)), null,
        new ValidationSpec(null, null, 30, null), null, null, null, null);
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
