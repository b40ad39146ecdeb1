package io.changegate.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calendar's overlap check ({@link ScheduledChanges#overlapping}) finds the open changes of a service and
 * environment without visiting its closed ones (on H2 thanks to V27; PostgreSQL found them by status before): on H2 and on PostgreSQL, a service with 3,000 completed changes
 * and three open ones.
 */
class OpenChangesIndexTest {

  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final int CLOSED = 3_000;

  static Stream<String> databases() {
    return Stream.of(FreshDatabase.H2, FreshDatabase.POSTGRESQL);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theOverlapCheckLooksUpOpenChangesOnlyAndFindsEachOfThem(String database) throws Exception {
    try (FreshDatabase db = FreshDatabase.open(database, "open-changes").migrate(null)) {
      JdbcClient jdbc = db.jdbc();
      for (int i = 0; i < CLOSED; i++) {
        change(jdbc, "CHG-%06d".formatted(i), "payments-api", "staging", "COMPLETED", NOW.minusSeconds(60L * i));
      }
      change(jdbc, "CHG-900001", "payments-api", "staging", "SCHEDULED", NOW.plusSeconds(600));
      change(jdbc, "CHG-900002", "payments-api", "staging", "DEPLOYING", NOW.minusSeconds(300));
      change(jdbc, "CHG-900003", "payments-api", "staging", "SUBMITTED", NOW.plusSeconds(1200));
      // open, but elsewhere or not overlapping: not conflicts
      change(jdbc, "CHG-900004", "payments-api", "production", "SCHEDULED", NOW.plusSeconds(600));
      change(jdbc, "CHG-900005", "ledger", "staging", "SCHEDULED", NOW.plusSeconds(600));
      change(jdbc, "CHG-900006", "payments-api", "staging", "SCHEDULED", NOW.plusSeconds(86_400));
      if (db.isPostgres()) {
        jdbc.sql("ANALYZE changegate_change").update();
      }

      List<ScheduledChanges.PlannedChange> found = new ScheduledChanges(jdbc).overlapping("payments-api", "staging",
          "CHG-900003", Slot.of(NOW, Duration.ofHours(1)), Duration.ofHours(1));

      assertThat(found).extracting(ScheduledChanges.PlannedChange::id)
          .containsExactly("CHG-900002", "CHG-900001");
      String plan = plan(db, jdbc);
      assertThat(visitedRows(db, plan)).as(plan).isLessThan(20);
    }
  }

  /**
   * How many rows the statement read: H2 counts them ({@code scanCount}); PostgreSQL tells the rows its scans
   * returned and removed by a filter (a sequential scan would remove the 3,000 closed changes).
   */
  private static long visitedRows(FreshDatabase db, String plan) {
    if (!db.isPostgres()) {
      return Long.parseLong(plan.replaceAll("(?s).*scanCount: (\\d+).*", "$1"));
    }
    long visited = 0;
    for (String line : plan.split("\n")) {
      java.util.regex.Matcher scan = java.util.regex.Pattern.compile("Scan .*actual time=\\S+ rows=(\\d+)").matcher(line);
      java.util.regex.Matcher removed = java.util.regex.Pattern.compile("Rows Removed by Filter: (\\d+)").matcher(line);
      if (scan.find()) {
        visited += Long.parseLong(scan.group(1));
      }
      if (removed.find()) {
        visited += Long.parseLong(removed.group(1));
      }
    }
    return visited;
  }

  /** The plan of the overlap check's statement, as the database explains it after running it. */
  private static String plan(FreshDatabase db, JdbcClient jdbc) {
    String open = String.join(", ", ScheduledChanges.OPEN.stream().map(s -> "'" + s + "'").toList());
    String sql = """
        SELECT id FROM changegate_change
        WHERE service = 'payments-api' AND environment = 'staging' AND id <> 'CHG-900003' AND status IN (%s)
          AND planned_start < TIMESTAMP WITH TIME ZONE '2026-03-02 11:00:00+00'
          AND (planned_end > TIMESTAMP WITH TIME ZONE '2026-03-02 10:00:00+00'
            OR (planned_end IS NULL AND planned_start > TIMESTAMP WITH TIME ZONE '2026-03-02 09:00:00+00'))
        ORDER BY planned_start, id""".formatted(open);
    return String.join("\n", jdbc.sql((db.isPostgres() ? "EXPLAIN (ANALYZE) " : "EXPLAIN ANALYZE ") + sql)
        .query(String.class).list());
  }

  private static void change(JdbcClient jdbc, String id, String service, String environment, String status,
      Instant plannedStart) {
    OffsetDateTime start = plannedStart.atOffset(ZoneOffset.UTC);
    jdbc.sql("""
            INSERT INTO changegate_change (id, title, service, environment, impact, urgency, regulated,
              security_relevant, emergency, targets, dry_run, requester, status, change_type, created_at, updated_at,
              planned_start)
            VALUES (?, ?, ?, ?, 'LOW', 'LOW', FALSE, FALSE, FALSE, '[]', FALSE, 'requester', ?, 'STANDARD', ?, ?, ?)""")
        .params(id, "Change " + id, service, environment, status, start, start, start).update();
  }
}
