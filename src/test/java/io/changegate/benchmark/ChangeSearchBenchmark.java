package io.changegate.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.changegate.change.ChangeQuery;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 14: the search of the pages ({@code /changes?q=}) over 100,000 changes on PostgreSQL. Target: p95 ≤ 300 ms.
 * Runs the production query ({@link ChangeRepository#search}) on a database migrated by Flyway as the application's,
 * filled with 100,000 changes over 200 services, 4 environments, 50 requesters and a year; prints p50/p95/p99 per kind
 * of search and the plan of the text search. Asserts nothing.
 *
 * <p>Run: {@code ./mvnw -Pbenchmark verify -Dtest=ChangeSearchBenchmark}.
 */
class ChangeSearchBenchmark {

  static final int CHANGES = 100_000;
  static final int WARM_UP = 50;
  static final int MEASURED = 500;
  static final String PG_HOST = System.getProperty("changegate.it.postgres", "127.0.0.1:5432");
  static final String PG_DATABASE = "changegate_search_bench";
  static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production", "perf");
  static final String[] WORDS = {"payments", "checkout", "ledger", "catalog", "search", "login", "cache", "queue",
      "schema", "index", "toggle", "hotfix", "upgrade", "rollout", "config", "certificate"};

  @Test
  void searchOverOneHundredThousandChanges() throws Exception {
    System.out.println();
    System.out.println("=== ChangeSearchBenchmark: " + CHANGES + " changes on PostgreSQL ===");
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + PG_DATABASE);
    } catch (SQLException e) {
      System.out.println("PostgreSQL at " + PG_HOST + " does not answer (" + e.getMessage() + "): skipped");
      return;
    }
    try (HikariDataSource pg = new HikariDataSource()) {
      pg.setJdbcUrl("jdbc:postgresql://" + PG_HOST + "/" + PG_DATABASE + "?reWriteBatchedInserts=true");
      pg.setUsername("postgres");
      pg.setPassword("");
      pg.setMaximumPoolSize(2);
      Flyway.configure().dataSource(pg).locations("classpath:db/migration").table("changegate_schema_history")
          .baselineOnMigrate(true).baselineVersion("0").load().migrate();
      fill(new JdbcTemplate(pg));
      ChangeRepository repository = new ChangeRepository(JdbcClient.create(pg), new ObjectMapper(), pg);
      Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
      Random random = new Random(11);
      measure("text (title or service contains a word, any status)", i -> new ChangeQuery(
          WORDS[random.nextInt(WORDS.length)] + " " + (random.nextInt(90) + 10), null, null, null, null, null, null,
          200), repository);
      measure("id", i -> new ChangeQuery("CHG-%06d".formatted(random.nextInt(CHANGES) + 1), null, null, null, null,
          null, null, 200), repository);
      measure("requester + status", i -> new ChangeQuery(null, null, null, ChangeStatus.COMPLETED,
          "user" + random.nextInt(50), null, null, 200), repository);
      measure("service + environment + 30 days", i -> {
        Instant from = now.minus(Duration.ofDays(random.nextInt(330) + 30));
        return new ChangeQuery(null, "service-" + random.nextInt(200), ENVIRONMENTS.get(random.nextInt(4)), null, null,
            from, from.plus(Duration.ofDays(30)), 200);
      }, repository);
      measure("text + environment + status (completed included)", i -> new ChangeQuery(
          WORDS[random.nextInt(WORDS.length)], null, "production", ChangeStatus.COMPLETED, null, null, null, 200),
          repository);
      System.out.println("plan of the text search:");
      new JdbcTemplate(pg).queryForList("""
              EXPLAIN ANALYZE SELECT * FROM changegate_change WHERE 1 = 1 AND (id = 'LEDGER 42'
              OR LOWER(title) LIKE '%ledger 42%' ESCAPE '\\' OR LOWER(service) LIKE '%ledger 42%' ESCAPE '\\')
              ORDER BY created_at DESC, id DESC LIMIT 200""", String.class)
          .forEach(line -> System.out.println("  " + line));
    } finally {
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres",
          ""); Statement sql = admin.createStatement()) {
        sql.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
      }
    }
  }

  private static void fill(JdbcTemplate jdbc) {
    long started = System.nanoTime();
    Random random = new Random(3);
    Instant yearAgo = Instant.now().minus(Duration.ofDays(365));
    ChangeStatus[] statuses = ChangeStatus.values();
    List<Object[]> batch = new ArrayList<>();
    for (int n = 1; n <= CHANGES; n++) {
      Timestamp created = Timestamp.from(yearAgo.plusSeconds((long) n * 365 * 24 * 3600 / CHANGES));
      ChangeStatus status = random.nextInt(10) < 7 ? ChangeStatus.COMPLETED : statuses[random.nextInt(statuses.length)];
      batch.add(new Object[] {"CHG-%06d".formatted(n),
          WORDS[random.nextInt(WORDS.length)] + " " + (random.nextInt(90) + 10) + " " + WORDS[random.nextInt(WORDS.length)],
          "service-" + random.nextInt(200), ENVIRONMENTS.get(random.nextInt(4)), "user" + random.nextInt(50),
          status.name(), created, created});
      if (batch.size() == 5_000) {
        BenchmarkDatabases.insertChanges(jdbc, batch);
      }
    }
    BenchmarkDatabases.insertChanges(jdbc, batch);
    jdbc.execute("ANALYZE changegate_change");
    System.out.printf("filled %d changes in %.1f s%n", CHANGES, (System.nanoTime() - started) / 1e9);
  }

  private static void measure(String what, IntFunction<ChangeQuery> query, ChangeRepository repository) {
    List<Long> nanos = new ArrayList<>();
    int found = 0;
    for (int i = 0; i < WARM_UP + MEASURED; i++) {
      ChangeQuery q = query.apply(i);
      long started = System.nanoTime();
      found += repository.search(q).size();
      if (i >= WARM_UP) {
        nanos.add(System.nanoTime() - started);
      }
    }
    System.out.printf("%-55s p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%.0f found on average) -> target p95 <= 300 ms %s%n",
        what, percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6,
        found / (double) (WARM_UP + MEASURED), percentile(nanos, 95) <= 300_000_000L ? "met" : "NOT met");
  }

  private static long percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(Long::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
