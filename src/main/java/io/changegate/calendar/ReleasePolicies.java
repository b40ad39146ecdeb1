package io.changegate.calendar;

import io.changegate.change.Level;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Release policies per service in {@code changegate_release_policy}; a service without one releases continuously. */
@Repository
public class ReleasePolicies {

  private final JdbcClient jdbc;

  public ReleasePolicies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<ReleasePolicy> of(String service) {
    return jdbc.sql("SELECT * FROM changegate_release_policy WHERE service = ?").param(service)
        .query((rs, n) -> new ReleasePolicy(rs.getString("service"),
            ReleasePolicy.Cadence.valueOf(rs.getString("cadence")),
            rs.getString("day_of_week") == null ? null : DayOfWeek.valueOf(rs.getString("day_of_week")),
            (Integer) rs.getObject("day_of_month", Integer.class),
            rs.getString("window_from") == null ? null : LocalTime.parse(rs.getString("window_from")),
            rs.getString("window_to") == null ? null : LocalTime.parse(rs.getString("window_to")),
            rs.getString("time_zone") == null ? ZoneOffset.UTC : ZoneId.of(rs.getString("time_zone")),
            rs.getString("risk_classes").isEmpty() ? Set.of() : Arrays.stream(rs.getString("risk_classes").split(","))
                .map(Level::valueOf).collect(Collectors.toSet()),
            rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  void save(ReleasePolicy p) {
    jdbc.sql("DELETE FROM changegate_release_policy WHERE service = ?").param(p.service()).update();
    jdbc.sql("""
            INSERT INTO changegate_release_policy (service, cadence, day_of_week, day_of_month, window_from, window_to,
              time_zone, risk_classes, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(p.service(), p.cadence().name(), p.dayOfWeek() == null ? null : p.dayOfWeek().name(), p.dayOfMonth(),
            p.from() == null ? null : p.from().toString(), p.to() == null ? null : p.to().toString(),
            p.timeZone() == null ? null : p.timeZone().getId(),
            p.riskClasses().stream().sorted().map(Enum::name).collect(Collectors.joining(",")), p.updatedBy(),
            p.updatedAt().atOffset(ZoneOffset.UTC))
        .update();
  }
}
