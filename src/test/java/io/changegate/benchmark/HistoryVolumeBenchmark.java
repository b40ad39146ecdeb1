package io.changegate.benchmark;

import io.changegate.benchmark.ChangegateRun.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine with a million history rows (PostgreSQL, {@code -Dtest=HistoryVolumeBenchmark}): standard changes end
 * to end on an empty history, then again after SQL has seeded 100,000 finished process instances of
 * {@code deployment} with 1,000,000 activity instances and 200,000 variables (half of them past their removal
 * time); the dossier ({@code GET /api/changes/{id}}, which reads the history) over HTTP; and how many expired rows
 * the engine's history cleanup removes in a minute. Prints figures; asserts nothing about speed.
 */
class HistoryVolumeBenchmark {

  private static final int INSTANCES = 100_000;
  private static final int ACTIVITIES_PER_INSTANCE = 10;

  @Test
  void engineWithAMillionHistoryRows() {
    BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    Optional<String> unusable = BenchmarkDatabases.recreatePostgres(settings);
    if (unusable.isPresent()) {
      System.out.println("SKIPPED HistoryVolumeBenchmark: " + unusable.get());
      return;
    }
    int changes = Integer.getInteger("benchmark.history.changes", 500);
    Map<String, Object> properties = new LinkedHashMap<>(BenchmarkDatabases.postgres(settings));
    properties.put("changegate.security.demo-users", "true");
    StringBuilder out = new StringBuilder("\n" + "=".repeat(96) + "\nHISTORY VOLUME (PostgreSQL)\n");
    try (ChangegateRun run = ChangegateRun.start(BenchmarkSettings.POSTGRES, properties)) {
      run.prepare(settings);
      run.standardPhase("warm-up", settings.warmup(), settings);
      Phase before = run.standardPhase("before", changes, settings);
      long[] dossierBefore = dossier(run, "Benchmark standard change (before)");

      long seedStart = System.nanoTime();
      seed(run);
      long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
      Map<String, Long> rows = counts(run);

      Phase after = run.standardPhase("after", changes, settings);
      long[] dossierAfter = dossier(run, "Benchmark standard change (after)");

      long actBefore = rows.get("act_hi_actinst");
      run.engine().getHistoryService().cleanUpHistoryAsync(true);
      sleep(Duration.ofSeconds(60));
      long actAfter = counts(run).get("act_hi_actinst");

      out.append(row("history rows seeded by SQL in", fmt(seedMillis / 1000.0) + " s")).append('\n');
      rows.forEach((table, count) -> out.append(row("  " + table, "%,d rows".formatted(count))).append('\n'));
      out.append(row("standard changes/s, empty history (%d changes)".formatted(changes),
          fmt(before.perSecond()) + (before.complete() ? "" : " (INCOMPLETE)"))).append('\n');
      out.append(row("standard changes/s, with the seeded history", fmt(after.perSecond())
          + (after.complete() ? "" : " (INCOMPLETE)"))).append('\n');
      out.append(row("ratio with / without", fmt(after.perSecond() / before.perSecond()) + "x")).append('\n');
      out.append(row("GET /api/changes/{id} p50 / p95 ms, empty history",
          dossierBefore[0] + " / " + dossierBefore[1])).append('\n');
      out.append(row("GET /api/changes/{id} p50 / p95 ms, with the seeded history",
          dossierAfter[0] + " / " + dossierAfter[1])).append('\n');
      out.append(row("history cleanup (removal-time based, default batch): activity rows removed in 60 s",
          "%,d of %,d expired".formatted(actBefore - actAfter, INSTANCES / 2 * ACTIVITIES_PER_INSTANCE)))
          .append('\n');
    }
    out.append("=".repeat(96)).append('\n');
    System.out.println(out);
  }

  /** Finished deployments, as the engine writes them with full history; every second one past its removal time. */
  private static void seed(ChangegateRun run) {
    String definition = run.jdbc().sql("SELECT id_ FROM act_re_procdef WHERE key_ = 'deployment' ORDER BY version_ DESC")
        .query(String.class).list().get(0);
    run.jdbc().sql("""
            INSERT INTO act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_,
              end_time_, removal_time_, duration_, start_act_id_, end_act_id_, root_proc_inst_id_, state_)
            SELECT 'seed-' || g, 'seed-' || g, 'CHG-S' || g, 'deployment', ?, now() - interval '200 days',
              now() - interval '200 days' + interval '1 second',
              CASE WHEN g % 2 = 0 THEN now() - interval '1 day' ELSE now() + interval '180 days' END, 1000,
              'StartEvent_DeploymentRequested', 'EndEvent_ChangeCompleted', 'seed-' || g, 'COMPLETED'
            FROM generate_series(1, ?) g""").params(definition, INSTANCES).update();
    run.jdbc().sql("""
            INSERT INTO act_hi_actinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
              execution_id_, act_id_, act_type_, start_time_, end_time_, duration_, act_inst_state_,
              sequence_counter_, removal_time_)
            SELECT 'seed-' || g || '-' || a, 'deployment', ?, 'seed-' || g, 'seed-' || g, 'seed-' || g,
              'Task_Step' || a, 'serviceTask', now() - interval '200 days', now() - interval '200 days', 10, 1, a,
              CASE WHEN g % 2 = 0 THEN now() - interval '1 day' ELSE now() + interval '180 days' END
            FROM generate_series(1, ?) g, generate_series(1, ?) a""")
        .params(definition, INSTANCES, ACTIVITIES_PER_INSTANCE).update();
    run.jdbc().sql("""
            INSERT INTO act_hi_varinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
              execution_id_, name_, var_type_, create_time_, rev_, text_, state_, removal_time_)
            SELECT 'seed-' || g || '-' || v, 'deployment', ?, 'seed-' || g, 'seed-' || g, 'seed-' || g,
              'seedVariable' || v, 'string', now() - interval '200 days', 1, 'value ' || g, 'CREATED',
              CASE WHEN g % 2 = 0 THEN now() - interval '1 day' ELSE now() + interval '180 days' END
            FROM generate_series(1, ?) g, generate_series(1, 2) v""").params(definition, INSTANCES).update();
    run.jdbc().sql("ANALYZE").update();
  }

  private static Map<String, Long> counts(ChangegateRun run) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_varinst", "act_hi_job_log")) {
      counts.put(table, run.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  /** p50 and p95 (ms) of 100 sequential dossier reads over HTTP of changes of that phase. */
  private static long[] dossier(ChangegateRun run, String title) {
    List<String> ids = run.jdbc().sql("SELECT id FROM changegate_change WHERE title = ? ORDER BY id")
        .param(title).query(String.class).list();
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8));
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 120 && !ids.isEmpty(); i++) {
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + run.port() + "/api/changes/"
          + ids.get(i % ids.size()))).header("Authorization", auth).GET().build();
      long start = System.nanoTime();
      try {
        http.send(get, HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      if (i >= 20) {
        latencies.add((System.nanoTime() - start) / 1_000_000);
      }
    }
    List<Long> sorted = latencies.stream().sorted().toList();
    return new long[] {ChangegateRun.percentile(sorted, 50), ChangegateRun.percentile(sorted, 95)};
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String row(String label, String value) {
    return "%-80s %s".formatted(label, value);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
