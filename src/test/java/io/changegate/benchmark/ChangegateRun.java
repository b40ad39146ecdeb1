package io.changegate.benchmark;

import io.changegate.ChangegateApplication;
import io.changegate.change.Artifact;
import io.changegate.change.ChangeRequest;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.Target;
import io.changegate.deployment.sandbox.SandboxDeploymentAdapter;
import io.changegate.engine.SystemDeployments;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Changegate application context, started the way the application starts (SpringApplication, web
 * server, engine, job executor), and the measurements taken in it: standard changes end to end through
 * {@link ChangeService#submit}, and the {@link BareProcess} yardstick in the same engine.
 */
final class ChangegateRun implements AutoCloseable {

  /** A standard change by the book: template config-toggle fits payments-api in staging at LOW impact. */
  static final String TEMPLATE = "config-toggle";
  static final String SERVICE = "payments-api";
  static final String ENVIRONMENT = "staging";
  static final String REQUESTER = "requester";

  private static final Duration POLL = Duration.ofMillis(50);
  private static final List<String> JOB_METRICS = List.of(Metrics.JOB_ACQUISITION_ATTEMPT,
      Metrics.JOB_ACQUIRED_SUCCESS, Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_LOCKED_EXCLUSIVE,
      Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED);

  private final ConfigurableApplicationContext context;
  private final long startupMillis;
  private final ChangeService changes;
  private final JdbcClient jdbc;
  private final ProcessEngine engine;
  /** The demo's sandbox; outside the demo (no simulator allowed) the command adapter running /bin/true. */
  private final String adapter;

  private ChangegateRun(ConfigurableApplicationContext context, long startupMillis) {
    this.context = context;
    this.startupMillis = startupMillis;
    this.changes = context.getBean(ChangeService.class);
    this.jdbc = context.getBean(JdbcClient.class);
    this.engine = context.getBean(ProcessEngine.class);
    this.adapter = context.getEnvironment().acceptsProfiles(org.springframework.core.env.Profiles.of("demo"))
        ? SandboxDeploymentAdapter.NAME : "command";
  }

  /** Starts the application with these profiles and properties and times it. */
  static ChangegateRun start(String profile, Map<String, Object> properties) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("server.port", 0);
    all.put("logging.level.root", "WARN");
    all.putAll(properties);
    // command-line arguments: they win over the profiles' application-*.yaml (default properties would not)
    String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    long start = System.nanoTime();
    ConfigurableApplicationContext context = new SpringApplicationBuilder(ChangegateApplication.class)
        .profiles(profile)
        .run(args);
    return new ChangegateRun(context, (System.nanoTime() - start) / 1_000_000);
  }

  long startupMillis() {
    return startupMillis;
  }

  String property(String name) {
    return context.getEnvironment().getProperty(name, "(default)");
  }

  /** Warm-up of both flows, then the bare process and the standard changes, measured one after the other. */
  Throughput measure(BenchmarkSettings settings) {
    // the slot limit is the catalog's capacity of the environment (the configured limit only where it has none)
    jdbc.sql("UPDATE changegate_environment SET capacity = ? WHERE name = ?")
        .params(settings.slotLimit(), ENVIRONMENT).update();
    // the benchmark's own process: deployed as Changegate deploys its models (not a process owner's proposal)
    context.getBean(SystemDeployments.class).run("benchmark process", () -> engine.getRepositoryService()
        .createDeployment()
        .name("benchmark")
        .addModelInstance(BareProcess.RESOURCE, BareProcess.model())
        .deploy());
    // one change alone first: the sandbox adapter's first deployment to a target races with itself when
    // concurrent (update-then-insert, duplicate key, job retried a minute later); after it, it updates
    standardChanges("first", 1, settings);
    standardChanges("warm-up", settings.warmup(), settings);
    bareInstances("warm-up", settings.warmup(), settings);
    Phase bare = measured(() -> bareInstances("run", settings.changes(), settings));
    Phase standard = measured(() -> standardChanges("run", settings.changes(), settings));
    List<Long> holds = slotHoldMillis("Benchmark standard change (run)");
    HistoryRows perChange = historyRows("p.BUSINESS_KEY_ IN (SELECT id FROM changegate_change WHERE title = ?)",
        "Benchmark standard change (run)");
    HistoryRows perBareInstance = historyRows("p.BUSINESS_KEY_ LIKE ?", "bare-run-%");
    Intake intake = settings.intakeRequests() > 0 ? intake(settings) : Intake.NONE;
    return new Throughput(standard, bare, auditEntries(), slotLimit(), percentile(holds, 50), percentile(holds, 95),
        holds.size(), intake, perChange, perBareInstance);
  }

  /** The staging environment's slot limit in this run. */
  int slotLimit() {
    return context.getBean(io.changegate.deployment.SlotLimits.class).limitOf(ENVIRONMENT);
  }

  /**
   * How long each completed change held its environment slot: from the slot's hand-over or reservation (its
   * ENVIRONMENT_SLOT_RESERVED entry) to its COMPLETED status, written in the transaction that frees the slot.
   */
  private List<Long> slotHoldMillis(String title) {
    return jdbc.sql("""
            SELECT a.occurred_at, c.updated_at FROM changegate_audit a JOIN changegate_change c ON c.id = a.change_id
            WHERE a.action = 'ENVIRONMENT_SLOT_RESERVED' AND c.title = ? AND c.status = 'COMPLETED'""")
        .param(title)
        .query((rs, n) -> Duration.between(rs.getObject(1, OffsetDateTime.class),
            rs.getObject(2, OffsetDateTime.class)).toMillis())
        .list().stream().sorted().toList();
  }

  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    List<Long> values = sorted.stream().sorted().toList();
    return values.get(Math.min(values.size() - 1, (int) Math.ceil(p / 100.0 * values.size()) - 1));
  }

  /**
   * {@code POST /api/changes} over HTTP from the settings' threads (each its own client, HTTP Basic as the demo
   * requester), each request timed from send to the 201; then waits until those changes are COMPLETED, so that the
   * next measurement starts on a quiet engine.
   */
  private Intake intake(BenchmarkSettings settings) {
    String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    String title = "Benchmark intake over HTTP";
    String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(
        (REQUESTER + ":" + REQUESTER).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int warmup = Math.max(20, settings.intakeRequests() / 10);
    int count = warmup + settings.intakeRequests();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    Submission submission = submit(count, settings.threads(), new IntConsumer() {
      final ThreadLocal<java.net.http.HttpClient> clients = ThreadLocal.withInitial(
          () -> java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build());

      @Override
      public void accept(int i) {
        String body = """
            {"title": "%s", "service": "%s", "environment": "%s",
             "artifact": {"name": "%s", "version": "3.0.%d"}, "impact": "LOW", "urgency": "LOW",
             "standardChangeTemplate": "%s", "targets": [{"adapter": "%s", "name": "intake-%d"}]}"""
            .formatted(title, SERVICE, ENVIRONMENT, SERVICE, i, TEMPLATE, adapter, i);
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/changes"))
            .timeout(Duration.ofSeconds(30)).header("Authorization", auth).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
          int status = clients.get().send(post, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
          long millis = (System.nanoTime() - start) / 1_000_000;
          if (status != 201) {
            refused.incrementAndGet();
          } else if (i >= warmup) {
            latencies.add(millis);
          }
        } catch (java.io.IOException e) {
          refused.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Instant deadline = Instant.now().plus(settings.phaseTimeout());
    while (Instant.now().isBefore(deadline)
        && statusCounts(title).getOrDefault(ChangeStatus.COMPLETED.name(), 0L) < submission.submitted() - refused.get()) {
      sleep(POLL);
    }
    List<Long> sorted = latencies.stream().sorted().toList();
    return new Intake(sorted.size(), refused.get(), percentile(sorted, 50), percentile(sorted, 95),
        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
  }

  /** A measured phase of {@code count} standard changes titled after {@code label}. */
  Phase standardPhase(String label, int count, BenchmarkSettings settings) {
    return measured(() -> standardChanges(label, count, settings));
  }

  /** Deploys the bare process, then runs one change alone (see {@link #measure}). */
  void prepare(BenchmarkSettings settings) {
    standardChanges("first", 1, settings);
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  ProcessEngine engine() {
    return engine;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** Submits {@code count} standard changes from the settings' threads and waits until all are COMPLETED. */
  private Phase standardChanges(String label, int count, BenchmarkSettings settings) {
    String title = "Benchmark standard change (" + label + ")";
    Submission submission = submit(count, settings.threads(), i -> changes.submit(
        request(title, label, i, settings.targets(), adapter), REQUESTER));
    Map<String, Long> byStatus = Map.of();
    Instant deadline = Instant.now().plus(settings.phaseTimeout());
    while (Instant.now().isBefore(deadline)) {
      byStatus = statusCounts(title);
      long done = byStatus.getOrDefault(ChangeStatus.COMPLETED.name(), 0L)
          + byStatus.getOrDefault(ChangeStatus.FAILED.name(), 0L);
      if (done >= submission.submitted()) {
        break;
      }
      sleep(POLL);
    }
    long completed = byStatus.getOrDefault(ChangeStatus.COMPLETED.name(), 0L);
    OffsetDateTime lastCompleted = jdbc.sql("SELECT MAX(updated_at) FROM changegate_change WHERE title = ? AND status = ?")
        .params(title, ChangeStatus.COMPLETED.name()).query(OffsetDateTime.class).optional().orElse(null);
    Instant end = lastCompleted == null ? Instant.now() : lastCompleted.toInstant();
    return new Phase("standard changes (" + label + ")", count, completed, submission, end, byStatus,
        incidents(), Map.of(), CpuAccounting.Cores.UNKNOWN);
  }

  /** Starts {@code count} bare instances from the settings' threads and waits until all have ended. */
  private Phase bareInstances(String label, int count, BenchmarkSettings settings) {
    String prefix = "bare-" + label + "-";
    Submission submission = submit(count, settings.threads(), i -> engine.getRuntimeService()
        .createProcessInstanceByKey(BareProcess.KEY).businessKey(prefix + i).execute());
    long running = count;
    Instant deadline = Instant.now().plus(settings.phaseTimeout());
    while (Instant.now().isBefore(deadline)) {
      running = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(BareProcess.KEY).processInstanceBusinessKeyLike(prefix + "%").count();
      if (running == 0) {
        break;
      }
      sleep(POLL);
    }
    List<HistoricProcessInstance> last = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(BareProcess.KEY).processInstanceBusinessKeyLike(prefix + "%").finished()
        .orderByProcessInstanceEndTime().desc().listPage(0, 1);
    Instant end = last.isEmpty() ? Instant.now() : last.get(0).getEndTime().toInstant();
    long completed = submission.submitted() - running;
    return new Phase("bare instances (" + label + ")", count, completed, submission, end,
        Map.of("ENDED", completed, "RUNNING", running), incidents(), Map.of(), CpuAccounting.Cores.UNKNOWN);
  }

  /**
   * A standard change of payments-api. Its target: changes to one target queue behind each other (the
   * sandbox's release row is locked until the deploying job commits, as a real rollout of one service
   * would be serialised), so by default every change deploys a target of its own, like a mix of many
   * services; {@code -Dbenchmark.targets=1} measures a single hot target.
   */
  private static ChangeRequest request(String title, String label, int i, int targets, String adapter) {
    String phase = label.replaceAll("[^a-z]", "");
    String target = targets == 0 ? SERVICE + "-" + phase + "-" + i : SERVICE + "-" + (i % targets);
    return new ChangeRequest(title, "Throughput benchmark", SERVICE, ENVIRONMENT,
        new Artifact(SERVICE, "1.0." + phase + "." + i, null),
        "LOW", "LOW", false, false, TEMPLATE, false, null, null, null,
        List.of(new Target(adapter, target)), null, null, false, null, null, null);
  }

  private static Submission submit(int count, int threads, IntConsumer action) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Instant start = Instant.now();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          try {
            action.accept(i);
          } catch (RuntimeException e) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, e);
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      try {
        worker.get();
      } catch (Exception e) {
        throw new IllegalStateException("submitting thread died", e);
      }
    }
    Instant submitted = Instant.now();
    pool.shutdown();
    if (firstError.get() != null) {
      System.out.println("[benchmark] " + failed.get() + " submissions failed; first: " + firstError.get());
    }
    return new Submission(count - failed.get(), failed.get(), start, submitted);
  }

  private Map<String, Long> statusCounts(String title) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql("SELECT status, COUNT(*) FROM changegate_change WHERE title = ? GROUP BY status").param(title)
        .query(rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }

  private long incidents() {
    return engine.getRuntimeService().createIncidentQuery().count();
  }

  /**
   * What the engine's history kept, on average, per process-instance family (a change's instances share its id as
   * business key): activity instances, variables and variable updates (detail rows). Deterministic, unlike the CPU
   * figures: it shows what a model or a variable change removed.
   */
  private HistoryRows historyRows(String instancesOf, String parameter) {
    String instances = "SELECT p.ID_ FROM ACT_HI_PROCINST p WHERE " + instancesOf;
    long families = jdbc.sql("SELECT COUNT(DISTINCT p.BUSINESS_KEY_) FROM ACT_HI_PROCINST p WHERE " + instancesOf)
        .param(parameter).query(Long.class).single();
    ToLongFunction<String> rows = table -> jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE PROC_INST_ID_ IN ("
        + instances + ")").param(parameter).query(Long.class).single();
    double n = Math.max(1, families);
    return new HistoryRows(rows.applyAsLong("ACT_HI_ACTINST") / n, rows.applyAsLong("ACT_HI_VARINST") / n,
        rows.applyAsLong("ACT_HI_DETAIL") / n);
  }

  private long auditEntries() {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_audit").query(Long.class).single();
  }

  /**
   * Runs a phase and adds what the job executor did meanwhile (engine metrics, flushed around the phase) and
   * who used the CPU.
   */
  private Phase measured(java.util.function.Supplier<Phase> phase) {
    var reporter = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbMetricsReporter();
    reporter.reportNow();
    sleep(Duration.ofMillis(5));
    Date from = new Date();
    CpuAccounting.Snapshot cpuBefore = CpuAccounting.snapshot();
    Phase result = phase.get();
    CpuAccounting.Cores cores = CpuAccounting.between(cpuBefore, CpuAccounting.snapshot(), databasePids());
    reporter.reportNow();
    Map<String, Long> metrics = new LinkedHashMap<>();
    for (String name : JOB_METRICS) {
      metrics.put(name, engine.getManagementService().createMetricsQuery().name(name).startDate(from).sum());
    }
    return result.with(metrics, cores);
  }

  /** The PostgreSQL server processes serving this application (none for embedded H2). */
  private Set<Long> databasePids() {
    if (!property("spring.datasource.url").startsWith("jdbc:postgresql:")) {
      return Set.of();
    }
    return Set.copyOf(jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        .query(Long.class).list());
  }

  private static void sleep(Duration duration) {
    try {
      TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    context.close();
  }

  record Submission(int submitted, int failed, Instant start, Instant end) {}

  /**
   * One measured phase. {@code end} is the last completion as recorded by the application (a change's
   * {@code updated_at}, a process instance's end time), so the poll interval does not blur the figure.
   */
  record Phase(String name, int requested, long completed, Submission submission, Instant end,
      Map<String, Long> outcome, long incidents, Map<String, Long> jobMetrics, CpuAccounting.Cores cores) {

    boolean complete() {
      return completed == requested;
    }

    double seconds() {
      return Duration.between(submission.start(), end).toNanos() / 1e9;
    }

    double perSecond() {
      return completed / seconds();
    }

    double submittedPerSecond() {
      return submission.submitted() / (Duration.between(submission.start(), submission.end()).toNanos() / 1e9);
    }

    Phase with(Map<String, Long> metrics, CpuAccounting.Cores used) {
      return new Phase(name, requested, completed, submission, end, outcome, incidents, metrics, used);
    }
  }

  /** History rows per change or bare instance, on average. */
  record HistoryRows(double activityInstances, double variables, double variableUpdates) {}

  record Throughput(Phase standard, Phase bare, long auditEntries, int slotLimit, long slotHoldP50,
      long slotHoldP95, int slotHolds, Intake intake, HistoryRows perChange, HistoryRows perBareInstance) {

    double ratio() {
      return standard.perSecond() / bare.perSecond();
    }

    /** Jobs the job executor ran per completed change (each is one transaction; the submit is one more). */
    double jobsPerChange() {
      return standard.jobMetrics().getOrDefault(Metrics.JOB_SUCCESSFUL, 0L) / (double) Math.max(1, standard.completed());
    }

    double jobsPerBareInstance() {
      return bare.jobMetrics().getOrDefault(Metrics.JOB_SUCCESSFUL, 0L) / (double) Math.max(1, bare.completed());
    }
  }

  /** {@code POST /api/changes} latencies over HTTP (ms), after a warm-up. */
  record Intake(int measured, int refused, long p50, long p95, long max) {
    static final Intake NONE = new Intake(0, 0, -1, -1, -1);
  }
}
