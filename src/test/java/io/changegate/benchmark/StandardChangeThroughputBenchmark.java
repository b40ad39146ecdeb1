package io.changegate.benchmark;

import static io.changegate.benchmark.BenchmarkSettings.H2;
import static io.changegate.benchmark.BenchmarkSettings.POSTGRES;

import io.changegate.benchmark.ChangegateRun.Phase;
import io.changegate.benchmark.ChangegateRun.Throughput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The benchmark, run by {@code ./mvnw -o -Pbenchmark verify} and never by the normal build. It
 * prints, and writes to {@code target/benchmark-report.txt}:
 * <ul>
 *   <li>startup time of the Spring context in the demo profile (empty H2 database, then a restart on it),
 *   and of {@code java -Xmx384m -jar} until {@code /actuator/health} is UP, with a few standard changes
 *   pushed through that small heap over HTTP;</li>
 *   <li>on H2 and on PostgreSQL: standard changes per second end to end (submitted through
 *   {@code ChangeService.submit}, job executor on, until every change is COMPLETED), instances per second
 *   of a bare process with the same transactions in the same engine, and their ratio.</li>
 * </ul>
 * It asserts nothing about speed: a slow machine prints "TARGET MISSED" and the build stays green. It fails
 * only when the application itself fails (a context does not start, changes end other than COMPLETED).
 */
class StandardChangeThroughputBenchmark {

  private static final String JOB_EXECUTION = "camunda.bpm.job-execution.";

  @Test
  void standardChangesEndToEnd() throws IOException {
    BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    List<String> startup = new ArrayList<>();
    Map<String, Optional<Throughput>> throughput = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    String configuration = "";

    if (settings.runs(H2)) {
      Path dir = BenchmarkDatabases.newH2Directory();
      try (ChangegateRun empty = ChangegateRun.start("demo", BenchmarkDatabases.h2(dir))) {
        startup.add(row("Spring context, demo profile, H2, empty database", ms(empty.startupMillis())));
      }
      try (ChangegateRun run = ChangegateRun.start("demo", withSlotLimit(BenchmarkDatabases.h2(dir), settings))) {
        startup.add(row("Spring context, demo profile, H2, restart", ms(run.startupMillis())));
        configuration = configuration(run);
        throughput.put("H2", Optional.of(run.measure(settings)));
      }
    }
    if (settings.runs(POSTGRES)) {
      Optional<String> unusable = BenchmarkDatabases.recreatePostgres(settings);
      if (unusable.isPresent()) {
        skipped.put("PostgreSQL", unusable.get());
        throughput.put("PostgreSQL", Optional.empty());
      } else {
        Map<String, Object> properties = withSlotLimit(BenchmarkDatabases.postgres(settings), settings);
        // the intake is timed over HTTP as the demo requester: the benchmark's database has the demo users too
        properties.put("changegate.security.demo-users", "true");
        try (ChangegateRun run = ChangegateRun.start(POSTGRES, properties)) {
          startup.add(row("Spring context, postgres profile, empty database", ms(run.startupMillis())));
          configuration = configuration.isEmpty() ? configuration(run) : configuration;
          throughput.put("PostgreSQL", Optional.of(run.measure(settings)));
        }
      }
    }
    DemoJarProbe.Result jar = settings.demoJar() ? DemoJarProbe.run(settings) : null;
    StartupComparison.Result startupRatio = settings.demoJar() ? StartupComparison.run() : null;
    StockAppComparison.Result stockApp = settings.demoJar() ? StockAppComparison.run(settings) : null;
    if (startupRatio != null) {
      startup.addAll(startupRatio.rows());
      startup.add(row("start-up ratio Changegate / bare Boot+Camunda (restart, -Xmx384m, health UP)",
          startupRatio.ratio() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx ", startupRatio.ratio())
              + verdict(startupRatio.ratio() > 0 && startupRatio.ratio() <= BenchmarkSettings.TARGET_STARTUP_RATIO)
              + " (target <= " + BenchmarkSettings.TARGET_STARTUP_RATIO + "x)"));
    }

    String report = report(settings, startup, jar, stockApp, throughput, skipped, configuration);
    System.out.println(report);
    Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target",
        "benchmark-report.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);

    for (Optional<Throughput> measured : throughput.values()) {
      measured.ifPresent(t -> {
        if (t.standard().outcome().getOrDefault("FAILED", 0L) > 0) {
          throw new AssertionError("standard changes FAILED during the benchmark: " + t.standard().outcome());
        }
      });
    }
  }

  private static Map<String, Object> withSlotLimit(Map<String, Object> properties, BenchmarkSettings settings) {
    Map<String, Object> all = new LinkedHashMap<>(properties);
    all.put("changegate.deployment.environments.staging.max-concurrent-deployments", settings.slotLimit());
    return all;
  }

  private static String report(BenchmarkSettings settings, List<String> startup, DemoJarProbe.Result jar,
      StockAppComparison.Result stockApp, Map<String, Optional<Throughput>> throughput, Map<String, String> skipped,
      String configuration) {
    StringBuilder out = new StringBuilder();
    String line = "=".repeat(96);
    out.append('\n').append(line).append('\n');
    out.append("Changegate benchmark: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", test JVM max heap ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB\n");
    out.append(settings.describe()).append('\n');
    out.append(configuration).append('\n');
    out.append(line).append('\n');

    out.append("STARTUP\n");
    startup.forEach(s -> out.append(s).append('\n'));
    if (jar != null) {
      if (jar.up()) {
        out.append(row("java " + BenchmarkSettings.DEMO_HEAP + " -jar " + jar.jar() + ": /actuator/health UP after",
            ms(jar.healthUpMillis()))).append('\n');
        out.append(row("  (Spring Boot reports 'Started ... in')", jar.springStartup())).append('\n');
        out.append(row("  %d standard changes over HTTP at %s: COMPLETED".formatted(jar.changes(),
            BenchmarkSettings.DEMO_HEAP), jar.completed() + " (" + fmt(jar.changesPerSecond()) + "/s)")).append('\n');
        out.append(row("  resident memory after the load", jar.rssMegabytes() + " MB")).append('\n');
        out.append(row("  demo runs with " + BenchmarkSettings.DEMO_HEAP,
            jar.problem() == null && !jar.outOfMemory() ? "target met"
                : "TARGET MISSED" + (jar.outOfMemory() ? " (OutOfMemoryError)" : "") + ": "
                    + Optional.ofNullable(jar.problem()).orElse(""))).append('\n');
      } else {
        out.append(row("java " + BenchmarkSettings.DEMO_HEAP + " -jar", "TARGET MISSED / not run: " + jar.problem()))
            .append('\n');
      }
    }

    out.append('\n').append("THROUGHPUT, end to end, job executor on");
    List<String> columns = new ArrayList<>(throughput.keySet());
    out.append('\n').append(header(columns));
    out.append(table("standard changes/s (submit .. last COMPLETED)", throughput,
        t -> rate(t.standard()))).append('\n');
    out.append(table("bare process instances/s (6 async no-op steps)", throughput, t -> rate(t.bare())))
        .append('\n');
    out.append(table("ratio standard / bare", throughput, t -> String.format(Locale.ROOT, "%.2fx", t.ratio())))
        .append('\n');
    out.append(table("  standard: submit rate (changes/s)", throughput,
        t -> fmt(t.standard().submittedPerSecond()))).append('\n');
    out.append(table("  standard: wall clock (s)", throughput, t -> fmt(t.standard().seconds()))).append('\n');
    out.append(table("  bare: wall clock (s)", throughput, t -> fmt(t.bare().seconds()))).append('\n');
    out.append(table("  staging slot limit used", throughput, t -> String.valueOf(t.slotLimit()))).append('\n');
    out.append(table("  jobs per standard change / per bare instance", throughput,
        t -> fmt(t.jobsPerChange()) + " / " + fmt(t.jobsPerBareInstance()))).append('\n');
    out.append(table("  activity instances per change / per bare instance", throughput,
        t -> fmt(t.perChange().activityInstances()) + " / " + fmt(t.perBareInstance().activityInstances())))
        .append('\n');
    out.append(table("  variables per change / per bare instance", throughput,
        t -> fmt(t.perChange().variables()) + " / " + fmt(t.perBareInstance().variables()))).append('\n');
    out.append(table("  variable updates (history details) per change / bare", throughput,
        t -> fmt(t.perChange().variableUpdates()) + " / " + fmt(t.perBareInstance().variableUpdates())))
        .append('\n');
    out.append(table("  standard: jobs acquired / executed / failed", throughput, t -> jobs(t.standard())))
        .append('\n');
    out.append(table("  standard: acquisitions / rejected / exclusive", throughput, t -> acquisition(t.standard())))
        .append('\n');
    out.append(table("  bare: jobs acquired / executed / failed", throughput, t -> jobs(t.bare()))).append('\n');
    out.append(table("  standard: CPU cores app / database / other", throughput, t -> cores(t.standard())))
        .append('\n');
    out.append(table("  bare: CPU cores app / database / other", throughput, t -> cores(t.bare())))
        .append('\n');
    out.append(table("  CPU ms (app + database) per change / per bare instance", throughput,
        t -> cpuMillis(t.standard()) + " / " + cpuMillis(t.bare()))).append('\n');
    out.append(table("  open incidents", throughput, t -> String.valueOf(t.standard().incidents()))).append('\n');
    out.append(table("  audit entries written (whole run)", throughput, t -> String.valueOf(t.auditEntries())))
        .append('\n');
    out.append(table("target >= %.0f standard changes/s on PostgreSQL"
            .formatted(BenchmarkSettings.TARGET_POSTGRES_CHANGES_PER_SECOND), throughput,
        t -> t == throughput.getOrDefault("PostgreSQL", Optional.empty()).orElse(null)
            ? verdict(t.standard().complete()
                && t.standard().perSecond() >= BenchmarkSettings.TARGET_POSTGRES_CHANGES_PER_SECOND)
            : "-")).append('\n');
    out.append(table("target >= %.1fx the bare process".formatted(BenchmarkSettings.TARGET_RATIO_TO_BARE),
        throughput, t -> verdict(t.standard().complete() && t.bare().complete()
            && t.ratio() >= BenchmarkSettings.TARGET_RATIO_TO_BARE))).append('\n');
    if (stockApp != null) {
      out.append('\n').append("THROUGHPUT, the issue's way: the -Xmx384m jar (demo, H2) against a stock Boot+Camunda app, "
          + "each over HTTP from %d clients\n".formatted(settings.threads()));
      stockApp.rows().forEach(r -> out.append(r).append('\n'));
      out.append(row("ratio Changegate / stock app (target >= %.1fx)".formatted(BenchmarkSettings.TARGET_RATIO_TO_BARE),
          stockApp.ratio() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", stockApp.ratio()) + "x "
              + verdict(stockApp.ratio() >= BenchmarkSettings.TARGET_RATIO_TO_BARE))).append('\n');
    }
    out.append('\n').append("SLOT HOLD (a synchronous adapter: sandbox on H2, command running /bin/true on PostgreSQL), ms from slot reserved to COMPLETED\n");
    out.append(table("slot hold p50 / p95 (changes)", throughput,
        t -> t.slotHoldP50() + " / " + t.slotHoldP95() + " (" + t.slotHolds() + ")")).append('\n');
    out.append(table("target p50 <= %d ms, p95 <= %d ms".formatted(BenchmarkSettings.TARGET_SLOT_HOLD_P50_MS,
        BenchmarkSettings.TARGET_SLOT_HOLD_P95_MS), throughput,
        t -> verdict(t.slotHolds() > 0 && t.slotHoldP50() <= BenchmarkSettings.TARGET_SLOT_HOLD_P50_MS
            && t.slotHoldP95() <= BenchmarkSettings.TARGET_SLOT_HOLD_P95_MS))).append('\n');
    out.append('\n').append("INTAKE, POST /api/changes over HTTP, %d concurrent clients, ms\n".formatted(settings.threads()));
    out.append(table("p50 / p95 / max (requests, refused)", throughput,
        t -> t.intake().p50() + " / " + t.intake().p95() + " / " + t.intake().max() + " (" + t.intake().measured()
            + ", " + t.intake().refused() + ")")).append('\n');
    out.append(table("target p95 <= %d ms".formatted(BenchmarkSettings.TARGET_INTAKE_P95_MS), throughput,
        t -> verdict(t.intake().measured() > 0 && t.intake().refused() == 0
            && t.intake().p95() <= BenchmarkSettings.TARGET_INTAKE_P95_MS))).append('\n');
    throughput.forEach((db, measured) -> measured.ifPresent(t -> {
      for (Phase phase : List.of(t.standard(), t.bare())) {
        if (phase.cores().disturbed()) {
          out.append("WARNING ").append(db).append(' ').append(phase.name()).append(": other processes used ")
              .append(fmt(phase.cores().other())).append(" of ").append(Runtime.getRuntime().availableProcessors())
              .append(" cores meanwhile; the figure understates this machine\n");
        }
      }
    }));
    skipped.forEach((db, why) -> out.append("SKIPPED ").append(db).append(": ").append(why).append('\n'));
    for (Optional<Throughput> measured : throughput.values()) {
      measured.ifPresent(t -> {
        for (Phase phase : List.of(t.standard(), t.bare())) {
          if (!phase.complete()) {
            out.append("INCOMPLETE ").append(phase.name()).append(": ").append(phase.completed()).append(" of ")
                .append(phase.requested()).append(" within ").append(settings.phaseTimeout().toSeconds())
                .append(" s, by status ").append(phase.outcome()).append(", incidents ").append(phase.incidents())
                .append('\n');
          }
        }
      });
    }
    out.append(line).append('\n');
    return out.toString();
  }

  private static String configuration(ChangegateRun run) {
    return "job executor core/max pool %s/%s, queue %s, max jobs per acquisition %s, wait %s ms; history %s"
        .formatted(run.property(JOB_EXECUTION + "core-pool-size"), run.property(JOB_EXECUTION + "max-pool-size"),
            run.property(JOB_EXECUTION + "queue-capacity"), run.property(JOB_EXECUTION + "max-jobs-per-acquisition"),
            run.property(JOB_EXECUTION + "wait-time-in-millis"), run.property("camunda.bpm.history-level"))
        + "; JVM args " + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-X")).toList();
  }

  private static String header(List<String> columns) {
    StringBuilder header = new StringBuilder("%-56s".formatted(""));
    columns.forEach(c -> header.append("%20s".formatted(c)));
    return header.append('\n').toString();
  }

  private static String table(String label, Map<String, Optional<Throughput>> throughput,
      java.util.function.Function<Throughput, String> cell) {
    StringBuilder row = new StringBuilder("%-56s".formatted(label));
    throughput.values().forEach(t -> row.append("%20s".formatted(t.map(cell).orElse("skipped"))));
    return row.toString();
  }

  private static String row(String label, String value) {
    return "%-72s %s".formatted(label, value);
  }

  private static String rate(Phase phase) {
    return fmt(phase.perSecond()) + (phase.complete() ? "" : " (INCOMPLETE)");
  }

  private static String jobs(Phase phase) {
    Map<String, Long> m = phase.jobMetrics();
    return m.get("job-acquired-success") + " / " + m.get("job-successful") + " / " + m.get("job-failed");
  }

  private static String acquisition(Phase phase) {
    Map<String, Long> m = phase.jobMetrics();
    return m.get("job-acquisition-attempt") + " / " + m.get("job-execution-rejected") + " / "
        + m.get("job-locked-exclusive");
  }

  private static String cores(Phase phase) {
    CpuAccounting.Cores c = phase.cores();
    return Double.isNaN(c.changegate()) ? "n/a"
        : fmt(c.changegate()) + " / " + fmt(c.database()) + " / " + fmt(c.other());
  }

  /** CPU time per completed item: unlike a rate, it barely moves when other processes share the machine. */
  private static String cpuMillis(Phase phase) {
    CpuAccounting.Cores c = phase.cores();
    return Double.isNaN(c.changegate()) ? "n/a"
        : fmt((c.changegate() + c.database()) * phase.seconds() * 1000 / Math.max(1, phase.completed()));
  }

  private static String verdict(boolean met) {
    return met ? "target met" : "TARGET MISSED";
  }

  private static String ms(long millis) {
    return String.format(Locale.ROOT, "%,d ms", millis);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
