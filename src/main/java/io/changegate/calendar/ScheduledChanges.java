package io.changegate.calendar;

import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The calendar's read-only view of planned changes ({@code changegate_change}): which open change holds a
 * slot on a service and environment, and which changes fall in a date range. A change without
 * {@code plannedEnd} holds its slot for the configured default duration.
 */
@Repository
public class ScheduledChanges {

  /** Statuses of a change that still holds its slot. */
  static final List<String> OPEN = Arrays.stream(ChangeStatus.values()).filter(s -> !s.isFinal())
      .map(Enum::name).toList();

  private final JdbcClient jdbc;

  public ScheduledChanges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A planned change and its slot. */
  public record PlannedChange(String id, String title, String service, String environment, ChangeStatus status,
      ChangeType type, Instant start, Instant end) {}

  /**
   * Open changes other than {@code excludeId} planned on the same service and environment whose slot
   * overlaps {@code slot}: a look-up per open status on (status, service, environment, planned_start), so closed
   * changes, however many the service has had, are not visited (V27).
   */
  public List<PlannedChange> overlapping(String service, String environment, String excludeId, Slot slot,
      Duration defaultDuration) {
    List<Object> params = new ArrayList<>(List.of(service, environment, excludeId));
    params.addAll(OPEN);
    params.add(utc(slot.end()));
    params.add(utc(slot.start()));
    params.add(utc(slot.start().minus(defaultDuration)));
    return jdbc.sql("""
            SELECT id, title, service, environment, status, change_type, planned_start, planned_end
            FROM changegate_change
            WHERE service = ? AND environment = ? AND id <> ? AND status IN (%s)
              AND planned_start < ?
              AND (planned_end > ? OR (planned_end IS NULL AND planned_start > ?))
            ORDER BY planned_start, id""".formatted(placeholders(OPEN.size())))
        .params(params)
        .query((rs, n) -> map(rs, defaultDuration)).list();
  }

  /**
   * The first {@code limit} changes of any status planned in [from, to), in start order, of one service and/or
   * environment when given (the calendar feeds).
   */
  public List<PlannedChange> between(Instant from, Instant to, Duration defaultDuration, String service,
      String environment, int limit) {
    List<Object> params = new ArrayList<>(List.of(utc(to), utc(from), utc(from.minus(defaultDuration))));
    StringBuilder scope = new StringBuilder();
    if (service != null) {
      scope.append(" AND service = ?");
      params.add(service);
    }
    if (environment != null) {
      scope.append(" AND environment = ?");
      params.add(environment);
    }
    params.add(limit);
    return jdbc.sql("""
            SELECT id, title, service, environment, status, change_type, planned_start, planned_end
            FROM changegate_change
            WHERE planned_start < ? AND (planned_end > ? OR (planned_end IS NULL AND planned_start > ?))%s
            ORDER BY planned_start, id
            LIMIT ?""".formatted(scope))
        .params(params)
        .query((rs, n) -> map(rs, defaultDuration)).list();
  }

  private static PlannedChange map(ResultSet rs, Duration defaultDuration) throws SQLException {
    Instant start = rs.getObject("planned_start", OffsetDateTime.class).toInstant();
    OffsetDateTime end = rs.getObject("planned_end", OffsetDateTime.class);
    String type = rs.getString("change_type");
    return new PlannedChange(rs.getString("id"), rs.getString("title"), rs.getString("service"),
        rs.getString("environment"), ChangeStatus.valueOf(rs.getString("status")),
        type == null ? null : ChangeType.valueOf(type), start,
        end == null ? start.plus(defaultDuration) : end.toInstant());
  }

  private static String placeholders(int n) {
    return java.util.Collections.nCopies(n, "?").stream().collect(Collectors.joining(", "));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
