package io.changegate.benchmark;

import io.changegate.monitoring.MetricsTarget;
import io.changegate.monitoring.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.changegate.ChangegateApplication;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 3, item 9: one full normal change with every approval given over the API, and the engine's time per change,
 * on PostgreSQL (postgres profile, demo users, sandbox adapters, job executor on). Each change is a HIGH-impact,
 * regulated, security-relevant production change with a runbook whose digest a standard change validated in
 * staging first (promotion order); then, over {@code /engine-rest} with HTTP Basic as the demo users: the requester
 * fills in the FMEA (rated HIGH), ops-lead assesses it, reviewer peer-reviews the runbook, legal-counsel,
 * security-officer, ops-engineer and cab-chair sign off; the change deploys, validates and is COMPLETED.
 *
 * <p>Prints per change: end to end (submit to COMPLETED, including the job executor's pick-up delays and the sandbox
 * rollout polls), the time of the API calls (submit and the seven task completions, each running the engine up to
 * its next wait state), and the engine time (sum of the durations of the activities that do work — service and
 * business-rule tasks, gateways, events that do not wait — over every process instance of the change). Asserts
 * nothing; a failure is printed.
 *
 * <p>Run: {@code ./mvnw -Pbenchmark verify -Dtest=NormalChangeReviewBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class NormalChangeReviewBenchmark {

  static final int WARM_UP = 2;
  static final String BASELINE_VERSION = "1.4.1";
  static final int MEASURED = Integer.getInteger("benchmark.normal.changes", 20);
  static final String PG_HOST = System.getProperty("changegate.it.postgres", "127.0.0.1:5432");
  static final String DATABASE = "changegate_normal_bench";
  /** Activities that wait (for a person, a timer, a message, other branches) or only contain others. */
  static final Set<String> WAITING = Set.of("userTask", "callActivity", "subProcess", "multiInstanceBody",
      "intermediateTimer", "intermediateMessageCatch", "intermediateSignalCatch", "intermediateConditional",
      "boundaryTimer", "boundaryMessage", "boundarySignal", "eventBasedGateway", "receiveTask", "parallelGateway",
      "inclusiveGateway");

  @Test
  void normalChangeWithEveryApprovalOverTheApi() {
    try {
      run();
    } catch (Exception | AssertionError e) {
      System.out.println("NormalChangeReviewBenchmark could not measure: " + e);
      e.printStackTrace(System.out);
    }
  }

  /**
   * Outside the demo a validation by the sandbox monitoring adapter earns a digest no promotion, and every change here
   * is promoted from staging to production: the changes are validated against a real Prometheus scraping a metrics
   * target that serves payments-api 1.4.2 (error rate 1 %, latency 40 ms) in both environments.
   */
  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "%n=== NormalChangeReviewBenchmark: %d normal changes, every approval over the API,"
        + " PostgreSQL ===%n", MEASURED);
    if (!Files.isExecutable(PrometheusServer.BINARY)) {
      System.out.println("not measured: no Prometheus binary at " + PrometheusServer.BINARY + " (a validation by the"
          + " sandbox earns no promotion to production outside the demo)");
      return;
    }
    try (MetricsTarget target = new MetricsTarget();
        PrometheusServer prometheus = PrometheusServer.start(target.port())) {
      for (String environment : List.of("staging", "production")) {
        target.serve("payments-api", environment, "1.4.2", 0.01, 0.04);
      }
      // what a rehearsed rollback in staging restores (the baseline below), verified like any recovery
      target.serve("payments-api", "staging", BASELINE_VERSION, 0.01, 0.04);
      prometheus.awaitData("sum(rate(http_requests_total{environment=\"production\"}[10s])) > 0",
          Duration.ofSeconds(60));
      run(prometheus);
    }
  }

  private void run(PrometheusServer prometheus) throws Exception {
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      System.out.println("PostgreSQL at " + PG_HOST + " does not answer (" + e.getMessage() + "): skipped");
      return;
    }
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChangegateApplication.class)
        .profiles("postgres")
        .run(Stream.of(Stream.of("--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://" + PG_HOST + "/" + DATABASE,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--changegate.security.admin.password=bench", "--changegate.security.demo-users=true",
                "--logging.level.root=WARN",
                // as the test profile: the deployment answers at once, nobody waits minutes for a poll
                "--changegate.deployment.rollout-poll-interval=PT1S",
                "--changegate.deployment.validation-interval=PT1S",
                "--changegate.deployment.slot-poll-interval=PT2S"),
                // the catalog's arguments without their monitoring adapter (the sandbox: validation asks Prometheus)
                // and their command (/bin/true cannot say what runs, so a rehearsed rollback could not be verified)
                BenchmarkDatabases.catalogArguments().stream()
                    .filter(argument -> !argument.startsWith("--changegate.monitoring.adapter=")
                        && !argument.startsWith("--changegate.deployment.command.")),
                releaseFileCommands(Files.createTempDirectory("normal-bench-releases")),
                Stream.of("--changegate.monitoring.adapter=prometheus",
                    "--changegate.monitoring.prometheus.url=" + prometheus.url(),
                    "--changegate.monitoring.prometheus.window=10s"))
            .flatMap(arguments -> arguments).toArray(String[]::new))) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      TaskService tasks = app.getBean(TaskService.class);
      HistoryService history = app.getBean(HistoryService.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      Reviews reviews = new Reviews(port, tasks);
      // staging runs the baseline first: each rehearsal rolls 1.4.2 back to it (set-up, not measured)
      Map<String, Object> baseline = new LinkedHashMap<>(Changes.standard("Benchmark baseline in staging"));
      baseline.put("artifact", Map.of("name", "payments-api", "version", BASELINE_VERSION, "digest",
          Changes.newDigest()));
      String baselineId = Http.as(port, "requester").post("/api/changes", baseline).json().path("id").asText();
      if (!"COMPLETED".equals(await(jdbc, baselineId, "COMPLETED"))) {
        throw new IllegalStateException("the baseline " + baselineId + " did not complete");
      }

      List<Double> endToEnd = new ArrayList<>();
      List<Double> api = new ArrayList<>();
      List<Double> engine = new ArrayList<>();
      Map<String, Double> byProcess = new TreeMap<>();
      for (int i = 0; i < WARM_UP + MEASURED; i++) {
        String title = "Benchmark normal change " + i;
        Map<String, Object> change = promotedProductionChange(port, jdbc, title);
        Clock clock = new Clock();
        long start = System.nanoTime();
        String id = clock.time(() -> Http.as(port, "requester").post("/api/changes", change)).json().path("id")
            .asText();
        walk(reviews, tasks, clock, id);
        String status = await(jdbc, id, "COMPLETED");
        double elapsed = (System.nanoTime() - start) / 1e6;
        if (!"COMPLETED".equals(status)) {
          System.out.println(id + " ended " + status + "; not counted. Its timeline:");
          jdbc.sql("SELECT action, details FROM changegate_audit WHERE change_id = ? ORDER BY seq").param(id)
              .query((rs, n) -> "    " + rs.getString(1) + " " + rs.getString(2)).list()
              .forEach(System.out::println);
          continue;
        }
        if (i >= WARM_UP) {
          endToEnd.add(elapsed);
          api.add(clock.millis);
          Map<String, Double> work = engineMillis(history, id);
          engine.add(work.values().stream().mapToDouble(Double::doubleValue).sum());
          work.forEach((process, ms) -> byProcess.merge(process, ms / MEASURED, Double::sum));
        }
      }
      System.out.printf(Locale.ROOT, "%d changes COMPLETED (after %d warm-up), per change, ms:%n", endToEnd.size(),
          WARM_UP);
      System.out.printf(Locale.ROOT, "  end to end (submit to COMPLETED)      median %6.0f  p95 %6.0f  max %6.0f%n",
          percentile(endToEnd, 50), percentile(endToEnd, 95), Collections.max(endToEnd));
      System.out.printf(Locale.ROOT, "  API calls (submit + 7 completions)     median %6.0f  p95 %6.0f  max %6.0f%n",
          percentile(api, 50), percentile(api, 95), Collections.max(api));
      System.out.printf(Locale.ROOT, "  engine time (working activities)       median %6.0f  p95 %6.0f  max %6.0f%n",
          percentile(engine, 50), percentile(engine, 95), Collections.max(engine));
      System.out.print("  engine time by process, mean:");
      byProcess.forEach((process, ms) -> System.out.printf(Locale.ROOT, "  %s %.0f", process, ms));
      System.out.println();
    } finally {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres",
          ""); Statement sql = admin.createStatement()) {
        sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      }
    }
  }

  /** A risky production change whose digest a standard change has just validated (and rehearsed) in staging. */
  private static Map<String, Object> promotedProductionChange(int port, JdbcClient jdbc, String title) {
    Map<String, Object> staging = Changes.standard(title + " (staging)");
    String stagingId = Http.as(port, "requester").post("/api/changes", staging).json().path("id").asText();
    String status = await(jdbc, stagingId, "COMPLETED");
    if (!"COMPLETED".equals(status)) {
      throw new IllegalStateException("staging change " + stagingId + " ended " + status);
    }
    // a HIGH-risk production change needs the rollback of its digest rehearsed in staging (set-up, not measured)
    io.changegate.support.Rehearsals.rehearse(port, stagingId);
    Map<String, Object> change = new LinkedHashMap<>(Changes.normal(title));
    change.put("artifact", staging.get("artifact"));
    change.put("impact", "HIGH");
    change.put("regulated", true);
    change.put("securityRelevant", true);
    change.put("rollbackPlan", "Argo CD rollback to the previous revision");
    change.put("validation", Map.of("stabilizationMinutes", 0));
    change.put("runbook", Map.of(
        "preChecks", List.of("Error budget above 50%"),
        "steps", List.of("Sync payments-api in Argo CD", "Watch the canary"),
        "postChecks", List.of("Checkout synthetic check green"),
        "rollbackSteps", List.of("Argo CD: roll back to the previous revision")));
    return change;
  }

  /**
   * The command adapter as a deployment system that remembers: deploy and rollback write what a target runs into a
   * file of its own, {@code current} reads it back (so a rollback knows what it restores and is verified on it).
   */
  private static Stream<String> releaseFileCommands(Path dir) {
    String file = dir + "/{target}-{environment}";
    String command = "--changegate.deployment.command.";
    return Stream.of(
        command + "deploy[0]=/bin/sh", command + "deploy[1]=-c", command + "deploy[2]=echo {version} {digest} > " + file,
        command + "current[0]=/bin/sh", command + "current[1]=-c", command + "current[2]=cat " + file,
        command + "rollback[0]=/bin/sh", command + "rollback[1]=-c",
        command + "rollback[2]=echo {previousVersion} {previousDigest} > " + file);
  }

  /** FMEA by the requester, assessment by ops-lead, runbook review by reviewer, the four sign-offs. */
  private static void walk(Reviews reviews, TaskService tasks, Clock clock, String id) {
    Task fill = reviews.awaitTask(id, Reviews.FILL_FMEA);
    expect204(clock.time(() -> reviews.complete("requester", fill.getId(),
        Map.of("fmea", Reviews.json(Reviews.highRiskWorksheet())))));
    Task assess = reviews.awaitTask(id, Reviews.ASSESS_FMEA);
    expect204(clock.time(() -> reviews.complete("ops-lead", assess.getId(),
        Reviews.decision("APPROVE", "worksheet is sound"))));
    Task review = reviews.awaitTask(id, Reviews.REVIEW_RUNBOOK);
    Map<String, Object> verified = new HashMap<>(Reviews.decision("APPROVE", "ran it on staging"));
    for (String flag : List.of("preChecksVerified", "stepsVerified", "postChecksVerified", "rollbackStepsVerified")) {
      verified.put(flag, Map.of("value", true));
    }
    expect204(clock.time(() -> reviews.complete("reviewer", review.getId(), verified)));
    reviews.awaitTask(id, Reviews.SIGN_OFF); // the sign-offs are created in one transaction: one there, all there
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF)
        .list()) {
      String group = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
      expect204(clock.time(() -> reviews.complete(Reviews.SIGNERS.get(group), task.getId(),
          Reviews.decision("APPROVE", null))));
    }
  }

  private static void expect204(Http.Response response) {
    if (response.status() != 204) {
      throw new IllegalStateException("expected 204: " + response);
    }
  }

  private static String await(JdbcClient jdbc, String id, String wanted) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String status = null;
    while (System.nanoTime() < deadline) {
      status = jdbc.sql("SELECT status FROM changegate_change WHERE id = ?").param(id).query(String.class).single();
      if (wanted.equals(status) || status.matches("FAILED|REJECTED|CANCELLED|ROLLED_BACK")) {
        return status;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status;
      }
    }
    return status;
  }

  /** Work time of the change's process instances, by process definition key. */
  private static Map<String, Double> engineMillis(HistoryService history, String changeId) {
    Map<String, Double> byProcess = new TreeMap<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(changeId).list()) {
      double work = 0;
      for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).list()) {
        if (activity.getDurationInMillis() != null && !WAITING.contains(activity.getActivityType())) {
          work += activity.getDurationInMillis();
        }
      }
      byProcess.merge(instance.getProcessDefinitionKey(), work, Double::sum);
    }
    return byProcess;
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** Sums the time of the API calls of one change. */
  private static final class Clock {
    double millis;

    Http.Response time(java.util.function.Supplier<Http.Response> call) {
      long start = System.nanoTime();
      try {
        return call.get();
      } finally {
        millis += (System.nanoTime() - start) / 1e6;
      }
    }
  }
}
