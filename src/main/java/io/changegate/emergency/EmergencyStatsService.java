package io.changegate.emergency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Counts emergencies and PIR verdicts of changes created in [from, to). */
@Service
public class EmergencyStatsService {

  private static final String ABUSE = PirVerdict.SHOULD_HAVE_BEEN_NORMAL.name();

  private final JdbcClient jdbc;

  public EmergencyStatsService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public EmergencyStats between(Instant from, Instant to) {
    OffsetDateTime start = from.atOffset(ZoneOffset.UTC);
    OffsetDateTime end = to.atOffset(ZoneOffset.UTC);
    long total = jdbc.sql("SELECT COUNT(*) FROM changegate_change WHERE created_at >= ? AND created_at < ?")
        .params(start, end).query(Long.class).single();
    long emergencies = jdbc.sql("SELECT COUNT(*) FROM changegate_change WHERE change_type = 'EMERGENCY' "
        + "AND created_at >= ? AND created_at < ?").params(start, end).query(Long.class).single();
    long reviewed = jdbc.sql("SELECT COUNT(*) FROM changegate_emergency e JOIN changegate_change c ON c.id = e.change_id "
        + "WHERE e.pir_verdict IS NOT NULL AND c.created_at >= ? AND c.created_at < ?")
        .params(start, end).query(Long.class).single();
    List<EmergencyStats.Count> byService = counts("c.service", "c.change_type = 'EMERGENCY'", start, end);
    List<EmergencyStats.Count> abusesByService = counts("c.service", "e.pir_verdict = '" + ABUSE + "'", start, end);
    List<EmergencyStats.Count> abusesByRequester = counts("c.requester", "e.pir_verdict = '" + ABUSE + "'", start, end);
    long abuses = abusesByService.stream().mapToLong(EmergencyStats.Count::count).sum();
    return new EmergencyStats(from, to, total, emergencies, total == 0 ? 0.0 : (double) emergencies / total, reviewed,
        abuses, byService, abusesByService, abusesByRequester);
  }

  private List<EmergencyStats.Count> counts(String key, String condition, OffsetDateTime start, OffsetDateTime end) {
    String join = condition.startsWith("e.") ? " JOIN changegate_emergency e ON e.change_id = c.id" : "";
    return jdbc.sql("SELECT " + key + ", COUNT(*) FROM changegate_change c" + join + " WHERE " + condition
            + " AND c.created_at >= ? AND c.created_at < ? GROUP BY " + key + " ORDER BY COUNT(*) DESC, " + key)
        .params(start, end)
        .query((rs, n) -> new EmergencyStats.Count(rs.getString(1), rs.getLong(2)))
        .list();
  }
}
