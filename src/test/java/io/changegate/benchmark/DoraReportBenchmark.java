package io.changegate.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.changegate.delivery.DeliveryProperties;
import io.changegate.delivery.DoraCalculator;
import io.changegate.delivery.DoraReport;
import io.changegate.delivery.DoraService;
import io.changegate.delivery.Period;
import io.changegate.delivery.ValueStreamReport;
import io.changegate.delivery.demo.SyntheticHistory;
import io.changegate.delivery.dmn.TierTable;
import io.changegate.delivery.jdbc.JdbcDeliveryHistory;
import io.changegate.delivery.report.DoraWorkbook;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.model.dmn.Dmn;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15: the DORA report over 100,000 changes (target ≤ 1 s) and the Excel report with 100,000 raw rows (target
 * ≤ 5 s with a heap of at most 256 MB), on PostgreSQL migrated by Flyway exactly as the application's, with the
 * production code ({@link DoraService} over {@link JdbcDeliveryHistory}, the compiled {@code dora-tiers} table,
 * {@link DoraWorkbook}). The Excel report runs in a child JVM started with {@code -Xmx256m}
 * ({@link DoraExcelProbe}). Prints the timings; asserts nothing.
 *
 * <p>Run: {@code ./mvnw -Pbenchmark verify -Dtest=DoraReportBenchmark}.
 */
class DoraReportBenchmark {

  static final int SERVICES = 50;
  static final double PER_WEEK = 38.5;
  static final String PG_HOST = System.getProperty("changegate.it.postgres", "127.0.0.1:5432");
  static final String PG_DATABASE = "changegate_dora_bench";
  static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void doraReportAndExcelOverOneHundredThousandChanges() throws Exception {
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + PG_DATABASE);
    } catch (SQLException e) {
      System.out.println("PostgreSQL at " + PG_HOST + " does not answer (" + e.getMessage() + "): skipped");
      return;
    }
    String url = "jdbc:postgresql://" + PG_HOST + "/" + PG_DATABASE;
    try (HikariDataSource pg = new HikariDataSource()) {
      pg.setJdbcUrl(url);
      pg.setUsername("postgres");
      Flyway.configure().dataSource(pg).locations("classpath:db/migration")
          .table("changegate_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
      AtomicLong ids = new AtomicLong();
      List<SyntheticHistory.Profile> profiles = new ArrayList<>();
      for (int i = 0; i < SERVICES; i++) {
        profiles.add(new SyntheticHistory.Profile("service-" + i, "team-" + (i % 8), PER_WEEK, 4 + i * 3,
            0.02 + i * 0.006, 0.5 + i * 0.4, 0.03));
      }
      long started = System.nanoTime();
      int written = new SyntheticHistory(new JdbcTemplate(pg), () -> "CHG-" + ids.incrementAndGet(), 15L)
          .write(profiles, END, 365);
      try (Statement analyze = pg.getConnection().createStatement()) {
        analyze.execute("ANALYZE");
      }
      System.out.printf("%n=== DoraReportBenchmark: %,d changes (%d services, one year) written in %d ms "
          + "(load average %.2f on %d cores) ===%n", written, SERVICES, (System.nanoTime() - started) / 1_000_000,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());

      DoraService dora = service(pg);
      Period year = Period.ofDays(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-11-30"), ZoneOffset.UTC);
      List<Long> ms = new ArrayList<>();
      DoraReport report = null;
      for (int run = 0; run < 6; run++) {
        long t0 = System.nanoTime();
        report = dora.report(dora.filter(null, null, null), year, "service");
        ms.add((System.nanoTime() - t0) / 1_000_000);
      }
      System.out.printf("DORA report, one year, %,d deployments, %d groups: runs %s ms (first is cold)%n",
          report.overall().figures().deployments(), report.groups().size(), ms);
      JdbcDeliveryHistory history = new JdbcDeliveryHistory(JdbcClient.create(pg));
      List<Long> sql = new ArrayList<>();
      for (int run = 0; run < 3; run++) {
        long s0 = System.nanoTime();
        history.deployments(new io.changegate.delivery.DeliveryFilter(null, null, "production"),
            year.from().minus(Duration.ofDays(30)), year.to().plus(Duration.ofDays(30)));
        sql.add((System.nanoTime() - s0) / 1_000_000);
      }
      System.out.println("of which the query and reading its rows (oldest first): " + sql + " ms; the rest is "
          + "assessing them and the figures per group and trend bucket");
      long t0 = System.nanoTime();
      DoraReport one = dora.report(dora.filter("service-7", null, null), year, "service");
      System.out.printf("DORA report of one service (%,d deployments): %d ms%n", one.overall().figures().deployments(),
          (System.nanoTime() - t0) / 1_000_000);

      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process probe = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          DoraExcelProbe.class.getName(), url).redirectErrorStream(true).start();
      System.out.print(new String(probe.getInputStream().readAllBytes()));
      System.out.println("Excel probe (-Xmx256m) exited with " + probe.waitFor());
    }
  }

  static DoraService service(javax.sql.DataSource dataSource) throws Exception {
    TierTable table = TierTable.compile(Dmn.readModelFromFile(new File("processes/dora-tiers.dmn")), "dora-tiers")
        .orElseThrow();
    DeliveryProperties settings = new DeliveryProperties("production", Duration.ofHours(24), ZoneOffset.UTC, 90, 1830,
        200_000, Duration.ZERO, 30, false);
    return new DoraService(new JdbcDeliveryHistory(JdbcClient.create(dataSource)), table::tier, settings,
        Clock.fixed(END, ZoneOffset.UTC));
  }

  /** The Excel report of the benchmark database's year, in a JVM of at most 256 MB heap. */
  static final class DoraExcelProbe {

    public static void main(String[] args) throws Exception {
      try (HikariDataSource pg = new HikariDataSource()) {
        pg.setJdbcUrl(args[0]);
        pg.setUsername("postgres");
        DoraService dora = service(pg);
        Period year = Period.ofDays(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-11-30"), ZoneOffset.UTC);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 3; run++) {
          long cpu0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          List<DoraCalculator.Assessed> rows = dora.assessed(dora.filter(null, null, null), year);
          long t1 = System.nanoTime();
          DoraReport report = dora.report(dora.filter(null, null, null), year, "service", rows);
          long t2 = System.nanoTime();
          ValueStreamReport noStream = new ValueStreamReport(year.from(), year.to(), "UTC", null, null, "production",
              0, List.of(), List.of(), List.of(), List.of());
          CountingStream out = new CountingStream();
          DoraWorkbook.write(report, rows, noStream, new io.changegate.delivery.ImprovementActions.Summary(0, 0, 0, List.of()), out);
          long t3 = System.nanoTime();
          Runtime rt = Runtime.getRuntime();
          System.out.printf("Excel report: %,d raw rows, %,d bytes in %d ms (read and assess %d ms, report %d ms, "
              + "workbook %d ms; CPU time of this thread %d ms; max heap %d MB, used after %d MB)%n",
              rows.size(), out.count, (t3 - t0) / 1_000_000, (t1 - t0) / 1_000_000,
              (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
              (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000, rt.maxMemory() / 1_048_576,
              (rt.totalMemory() - rt.freeMemory()) / 1_048_576);
        }
      }
    }
  }

  static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
