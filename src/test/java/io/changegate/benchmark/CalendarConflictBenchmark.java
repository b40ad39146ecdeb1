package io.changegate.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.changegate.calendar.CalendarConflict;
import io.changegate.calendar.CalendarProperties;
import io.changegate.calendar.CalendarWindow;
import io.changegate.calendar.ConflictDetector;
import io.changegate.calendar.ScheduledChanges;
import io.changegate.calendar.ServiceDependencies;
import io.changegate.calendar.Slot;
import io.changegate.calendar.WindowKind;
import io.changegate.calendar.WindowRepository;
import io.changegate.calendar.WindowSchedule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7, item 7: the conflict check of one change against 10,000 windows and 10,000 scheduled changes.
 * Target: 20 ms. Runs the production code ({@link ConflictDetector} over its repositories) on a database
 * migrated by Flyway exactly as the application's: in-memory H2 (the demo database) and, when it answers on
 * 127.0.0.1:5432, PostgreSQL. Prints p50/p95/p99, the query plans (index range scans) and the same queries
 * with the indexes switched off, for the ratio. Asserts nothing.
 *
 * <p>Run: {@code ./mvnw -Pbenchmark verify -Dtest=CalendarConflictBenchmark}.
 */
class CalendarConflictBenchmark {

  static final int WINDOWS = 10_000;
  static final int CHANGES = 10_000;
  static final int SERVICES = 200;
  static final int VENDORS = 20;
  static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production", "perf");
  static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
      ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"));
  static final int WARM_UP = 300;
  static final int MEASURED = 2_000;
  static final int SUGGESTIONS = 300;
  static final String PG_HOST = System.getProperty("changegate.it.postgres", "127.0.0.1:5432");
  static final String PG_DATABASE = "changegate_calendar_bench";

  @Test
  void conflictCheckAgainstTenThousandWindowsAndTenThousandChanges() throws Exception {
    System.out.println();
    System.out.println("=== CalendarConflictBenchmark: " + WINDOWS + " windows, " + CHANGES
        + " scheduled changes, " + SERVICES + " services x " + ENVIRONMENTS.size() + " environments ===");
    try (HikariDataSource h2 = dataSource("jdbc:h2:mem:calendar-bench;DB_CLOSE_DELAY=-1", "sa")) {
      run("H2 (in memory)", h2, false);
    }
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + PG_DATABASE);
    } catch (SQLException e) {
      System.out.println("PostgreSQL at " + PG_HOST + " does not answer (" + e.getMessage() + "): skipped");
      return;
    }
    try (HikariDataSource pg = dataSource("jdbc:postgresql://" + PG_HOST + "/" + PG_DATABASE, "postgres")) {
      run("PostgreSQL", pg, true);
    } finally {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres",
          ""); Statement sql = admin.createStatement()) {
        sql.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
      }
    }
  }

  private void run(String database, DataSource dataSource, boolean postgres) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
        .table("changegate_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    WindowRepository windows = new WindowRepository(jdbc, dataSource);
    ServiceDependencies dependencies = new ServiceDependencies(jdbc);
    CalendarProperties properties = CalendarProperties.defaults();
    ConflictDetector detector = new ConflictDetector(windows, dependencies, new ScheduledChanges(jdbc), properties,
        io.changegate.support.Catalogs.demo(), new io.changegate.calendar.ReleasePolicies(jdbc));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Random random = new Random(7);

    long loading = System.nanoTime();
    int recurring = new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status -> {
      int repeating = seedWindows(windows, random, now);
      seedDependencies(dependencies, random);
      seedChanges(new JdbcTemplate(dataSource), random, now);
      return repeating;
    });
    jdbc.sql("ANALYZE").update();
    System.out.printf("%n--- %s: loaded in %.1f s (%d recurring windows) ---%n", database,
        (System.nanoTime() - loading) / 1e9, recurring);

    List<Long> check = new ArrayList<>();
    List<Long> checkAndSuggest = new ArrayList<>();
    long conflicts = 0;
    long blocked = 0;
    for (int i = 0; i < WARM_UP + MEASURED; i++) {
      String service = service(random.nextInt(SERVICES));
      String environment = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
      boolean highRisk = environment.equals("production") && random.nextBoolean();
      ConflictDetector.Subject subject = new ConflictDetector.Subject("CHG-BENCH", service, environment, highRisk);
      Slot slot = Slot.of(now.plus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES), Duration.ofHours(1));

      long start = System.nanoTime();
      List<CalendarConflict> found = detector.conflicts(subject, slot);
      long checked = System.nanoTime();
      boolean blocking = found.stream().anyMatch(CalendarConflict::blocking);
      if (i >= WARM_UP) {
        check.add(checked - start);
        conflicts += found.size();
        blocked += blocking ? 1 : 0;
      }
      if (blocking && i >= WARM_UP && checkAndSuggest.size() < SUGGESTIONS) {
        detector.nextFreeSlot(subject, slot.start(), slot.duration());
        checkAndSuggest.add(System.nanoTime() - start);
      }
    }
    System.out.printf("conflict check (one change, one slot), %d runs after %d warm-up: %s%n", MEASURED, WARM_UP,
        percentiles(check));
    System.out.printf("  ... %.2f conflicts found per check on average; %.1f %% of slots blocked%n",
        (double) conflicts / MEASURED, 100.0 * blocked / MEASURED);
    System.out.printf("blocked slots: check plus next-free-slot search, %d runs: %s%n", checkAndSuggest.size(),
        checkAndSuggest.isEmpty() ? "(none blocked)" : percentiles(checkAndSuggest));
    System.out.printf("target: p95 <= 20 ms -> %s%n",
        percentile(check, 95) <= 20_000_000 ? "met" : "NOT met");

    plansAndScans(jdbc, dataSource, postgres, now);
  }

  /**
   * The two queries of a check: their plans, and their median time with the indexes and as table scans,
   * each run for another service and slot (H2 would otherwise hand back a cached result). {@code {hint}} is
   * where H2's {@code USE INDEX ()} goes to force a table scan.
   */
  private void plansAndScans(JdbcClient jdbc, DataSource dataSource, boolean postgres, Instant now) {
    IntFunction<String> windowsQuery = n -> {
      OffsetDateTime from = now.plus(n % 365, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
      // as WindowRepository.candidates asks for the blackouts of one service in production
      List<String> branches = new ArrayList<>();
      for (String service : List.of(service(n % SERVICES), "*")) {
        for (String environment : List.of("production", "*")) {
          branches.add("SELECT * FROM changegate_calendar_window {hint} WHERE kind = 'BLACKOUT'"
              + " AND service_scope = '" + service + "' AND environment_scope = '" + environment + "'"
              + " AND last_end > TIMESTAMP WITH TIME ZONE '" + from + "' AND first_start < TIMESTAMP WITH TIME ZONE '"
              + from.plusHours(1) + "'");
        }
      }
      return String.join(" UNION ALL ", branches);
    };
    IntFunction<String> changesQuery = n -> {
      OffsetDateTime from = now.plus(n % 365, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
      return "SELECT id FROM changegate_change {hint} WHERE service = '" + service(n % SERVICES) + "'"
          + " AND environment = 'production' AND id <> 'CHG-BENCH' AND status IN ('APPROVED', 'SCHEDULED')"
          + " AND planned_start < TIMESTAMP WITH TIME ZONE '" + from.plusHours(1)
          + "' AND (planned_end > TIMESTAMP WITH TIME ZONE '" + from + "' OR (planned_end IS NULL"
          + " AND planned_start > TIMESTAMP WITH TIME ZONE '" + from.minusHours(1) + "'))";
    };
    for (var query : List.of(Map.entry("windows", windowsQuery), Map.entry("changes", changesQuery))) {
      IntFunction<String> sql = n -> query.getValue().apply(n).replace("{hint}", "");
      System.out.println("plan of the " + query.getKey() + " query:\n    "
          + String.join("\n    ", jdbc.sql("EXPLAIN " + sql.apply(42)).query(String.class).list()));
      long indexed = median(n -> jdbc.sql(sql.apply(n)).query((rs, row) -> 1).list());
      long scanned;
      if (postgres) {
        scanned = medianWithoutIndexes(dataSource, sql);
      } else {
        IntFunction<String> tableScan = n -> query.getValue().apply(n).replace("{hint}", "USE INDEX ()");
        System.out.println("  plan forced to a table scan:\n    " + String.join("\n    ",
            jdbc.sql("EXPLAIN " + tableScan.apply(42)).query(String.class).list()));
        scanned = median(n -> jdbc.sql(tableScan.apply(n)).query((rs, row) -> 1).list());
      }
      System.out.printf("  %s query: %.3f ms with the indexes, %.3f ms as a table scan (%.0fx)%n", query.getKey(),
          indexed / 1e6, scanned / 1e6, (double) scanned / Math.max(1, indexed));
    }
  }

  private static long medianWithoutIndexes(DataSource dataSource, IntFunction<String> sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET enable_indexscan = off");
      statement.execute("SET enable_bitmapscan = off");
      statement.execute("SET enable_indexonlyscan = off");
      try (var plan = statement.executeQuery("EXPLAIN " + sql.apply(42))) {
        StringBuilder text = new StringBuilder();
        while (plan.next()) {
          text.append("\n    ").append(plan.getString(1));
        }
        System.out.println("  plan with index scans switched off:" + text);
      }
      long result = median(n -> {
        try (var rs = statement.executeQuery(sql.apply(n))) {
          while (rs.next()) {
            rs.getString(1);
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      statement.execute("RESET ALL");
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long median(IntConsumer query) {
    long[] runs = new long[201];
    for (int i = 0; i < runs.length + 50; i++) {
      long start = System.nanoTime();
      query.accept(i);
      if (i >= 50) {
        runs[i - 50] = System.nanoTime() - start;
      }
    }
    Arrays.sort(runs);
    return runs[runs.length / 2];
  }

  /**
   * 10,000 windows over two years around now: 70 % one-off blackouts (1-24 h), 10 % weekly blackouts that end
   * (COUNT 4-26, 2-12 h), 10 % weekly maintenance windows without end (2-6 h), 10 % one-off maintenance windows
   * (1-8 h), a quarter of the maintenance for the vendors the services depend on. Scope: 90 % one service in
   * one environment, 7 % one service, 2.8 % one environment, 0.2 % everything.
   */
  private int seedWindows(WindowRepository windows, Random random, Instant now) {
    int recurring = 0;
    for (int i = 0; i < WINDOWS; i++) {
      int kindOf = i % 10;
      boolean maintenance = kindOf >= 8;
      WindowKind kind = maintenance ? WindowKind.MAINTENANCE : WindowKind.BLACKOUT;
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      LocalDateTime start = LocalDateTime.ofInstant(now.minus(365, ChronoUnit.DAYS)
          .plus(random.nextInt(730 * 24 * 60), ChronoUnit.MINUTES), zone).truncatedTo(ChronoUnit.MINUTES);
      int minutes;
      String rule = null;
      switch (kindOf) {
        case 7 -> {
          minutes = 120 + random.nextInt(600);
          rule = "FREQ=WEEKLY;COUNT=" + (4 + random.nextInt(23));
        }
        case 8 -> {
          minutes = 120 + random.nextInt(240);
          rule = "FREQ=WEEKLY";
        }
        case 9 -> minutes = 60 + random.nextInt(420);
        default -> minutes = 60 + random.nextInt(23 * 60);
      }
      LocalDateTime end = start.plusMinutes(minutes);
      double scope = random.nextDouble();
      String service = maintenance && random.nextInt(4) == 0 ? vendor(random.nextInt(VENDORS))
          : service(random.nextInt(SERVICES));
      String environment = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
      if (scope >= 0.998) {
        service = null;
        environment = null;
      } else if (scope >= 0.97) {
        service = null;
      } else if (scope >= 0.90) {
        environment = null;
      }
      WindowSchedule.Span span = WindowSchedule.span(start, end, zone, rule);
      windows.insert(new CalendarWindow(windows.nextId(kind), kind, "Bench window " + i, "benchmark", start, end,
          zone, rule, service, environment, span.firstStart(), span.lastEnd(), "benchmark", now));
      recurring += rule != null ? 1 : 0;
    }
    return recurring;
  }

  private void seedDependencies(ServiceDependencies dependencies, Random random) {
    for (int s = 0; s < SERVICES; s++) {
      int first = random.nextInt(VENDORS);
      dependencies.replace(service(s), List.of(vendor(first), vendor((first + 1 + random.nextInt(VENDORS - 1))
          % VENDORS)));
    }
  }

  private void seedChanges(JdbcTemplate jdbc, Random random, Instant now) {
    List<Object[]> rows = new ArrayList<>();
    OffsetDateTime created = now.atOffset(ZoneOffset.UTC);
    for (int i = 0; i < CHANGES; i++) {
      OffsetDateTime start = now.plus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
      OffsetDateTime end = random.nextInt(5) == 0 ? null : start.plusMinutes(30 + random.nextInt(210));
      rows.add(new Object[] {"CHG-B%06d".formatted(i), "Bench change " + i, service(random.nextInt(SERVICES)),
          ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size())), start, end,
          random.nextInt(4) == 0 ? "APPROVED" : "SCHEDULED", created, created});
    }
    jdbc.batchUpdate("""
        INSERT INTO changegate_change (id, title, service, environment, impact, urgency, regulated,
          security_relevant, emergency, planned_start, planned_end, targets, dry_run, requester, status, change_type,
          created_at, updated_at)
        VALUES (?, ?, ?, ?, 'MEDIUM', 'LOW', FALSE, FALSE, FALSE, ?, ?, '[]', FALSE, 'benchmark', ?, 'NORMAL', ?, ?)""",
        rows);
  }

  private static String service(int n) {
    return "bench-svc-%03d".formatted(n);
  }

  private static String vendor(int n) {
    return "bench-vendor-%02d".formatted(n);
  }

  private static HikariDataSource dataSource(String url, String user) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(user);
    dataSource.setPassword("");
    dataSource.setMaximumPoolSize(4);
    return dataSource;
  }

  private static String percentiles(List<Long> nanos) {
    return "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms".formatted(percentile(nanos, 50) / 1e6,
        percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6, percentile(nanos, 100) / 1e6);
  }

  private static long percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(Long::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
