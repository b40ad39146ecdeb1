package io.changegate.calendar;

import io.changegate.jdbc.Sequences;

import io.changegate.jdbc.Columns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/** {@code changegate_calendar_window}, in the caller's transaction. */
@Repository
public class WindowRepository {

  /** Scope value stored for "every service" / "every environment" (not a valid name, so no clash). */
  static final String ALL = "*";

  private final JdbcClient jdbc;
  private final DataFieldMaxValueIncrementer ids;

  public WindowRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.ids = Sequences.of(dataSource, "changegate_window_seq");
  }

  public String nextId(WindowKind kind) {
    return "%s-%06d".formatted(kind.idPrefix(), ids.nextLongValue());
  }

  public void insert(CalendarWindow w) {
    jdbc.sql("""
            INSERT INTO changegate_calendar_window (id, kind, title, reason, start_local, end_local, time_zone,
              recurrence, service_scope, environment_scope, first_start, last_end, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(w.id(), w.kind().name(), w.title(), w.reason(), w.start(), w.end(), w.timeZone().getId(),
            w.recurrence(), scope(w.service()), scope(w.environment()), utc(w.firstStart()), utc(w.lastEnd()),
            w.createdBy(), utc(w.createdAt()))
        .update();
  }

  public Optional<CalendarWindow> find(WindowKind kind, String id) {
    return jdbc.sql("SELECT * FROM changegate_calendar_window WHERE id = ? AND kind = ?")
        .params(id, kind.name()).query(WindowRepository::map).optional();
  }

  public boolean delete(WindowKind kind, String id) {
    return jdbc.sql("DELETE FROM changegate_calendar_window WHERE id = ? AND kind = ?")
        .params(id, kind.name()).update() > 0;
  }

  /** Every window of a kind that has not ended before {@code since}, in start order. */
  public List<CalendarWindow> list(WindowKind kind, Instant since) {
    return jdbc.sql("""
            SELECT * FROM changegate_calendar_window WHERE kind = ? AND last_end > ?
            ORDER BY first_start, id""")
        .params(kind.name(), utc(since)).query(WindowRepository::map).list();
  }

  /**
   * Windows of {@code kind} whose scope covers one of {@code services} (or every service) in
   * {@code environment} (or every environment) and whose span overlaps [from, to). One index range scan
   * ({@code changegate_window_scope_idx}: kind, service, environment equal, then last_end) per scope
   * combination, joined with UNION ALL, never the whole table: both H2 and PostgreSQL plan each branch
   * as a range scan, which they do not for IN lists in the middle of the index.
   */
  public List<CalendarWindow> candidates(WindowKind kind, Collection<String> services, String environment,
      Instant from, Instant to) {
    List<String> serviceScopes = new ArrayList<>(new java.util.LinkedHashSet<>(services));
    serviceScopes.add(ALL);
    List<String> branches = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (String service : serviceScopes) {
      for (String env : List.of(environment, ALL)) {
        branches.add("SELECT * FROM changegate_calendar_window WHERE kind = ? AND service_scope = ?"
            + " AND environment_scope = ? AND last_end > ? AND first_start < ?");
        params.addAll(List.of(kind.name(), service, env, utc(from), utc(to)));
      }
    }
    return jdbc.sql(String.join(" UNION ALL ", branches)).params(params).query(WindowRepository::map).list();
  }

  /** Every window, of either kind and any scope, whose span overlaps [from, to) (the calendar feeds). */
  public List<CalendarWindow> between(Instant from, Instant to) {
    return jdbc.sql("""
            SELECT * FROM changegate_calendar_window WHERE last_end > ? AND first_start < ?
            ORDER BY first_start, id""")
        .params(utc(from), utc(to)).query(WindowRepository::map).list();
  }

  static CalendarWindow map(ResultSet rs, int row) throws SQLException {
    return new CalendarWindow(
        rs.getString("id"),
        WindowKind.valueOf(rs.getString("kind")),
        rs.getString("title"),
        rs.getString("reason"),
        rs.getObject("start_local", LocalDateTime.class),
        rs.getObject("end_local", LocalDateTime.class),
        ZoneId.of(rs.getString("time_zone")),
        rs.getString("recurrence"),
        unscope(rs.getString("service_scope")),
        unscope(rs.getString("environment_scope")),
        Columns.instant(rs, "first_start"),
        Columns.instant(rs, "last_end"),
        rs.getString("created_by"),
        Columns.instant(rs, "created_at"));
  }

  private static String scope(String name) {
    return name == null ? ALL : name;
  }

  private static String unscope(String stored) {
    return ALL.equals(stored) ? null : stored;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

}
