package io.changegate.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Infrastructure plans in {@code changegate_infrastructure_plan}, one per change. */
@Repository
class PlanRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  PlanRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<InfrastructurePlan> find(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_infrastructure_plan WHERE change_id = ?").param(changeId)
        .query((rs, n) -> new InfrastructurePlan(rs.getString("change_id"), PlanFormat.valueOf(rs.getString("format")),
            rs.getString("sha256"), rs.getString("content"), read(rs.getString("summary")),
            rs.getString("attached_by"), rs.getObject("attached_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  void save(InfrastructurePlan plan) {
    jdbc.sql("DELETE FROM changegate_infrastructure_plan WHERE change_id = ?").param(plan.changeId()).update();
    jdbc.sql("""
            INSERT INTO changegate_infrastructure_plan (change_id, format, sha256, content, summary, attached_by,
              attached_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(plan.changeId(), plan.format().name(), plan.sha256(), plan.content(), write(plan.summary()),
            plan.attachedBy(), plan.attachedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  private String write(PlanSummary summary) {
    try {
      return json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan summary cannot be written as JSON", e);
    }
  }

  private PlanSummary read(String text) {
    try {
      return json.readValue(text, PlanSummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored plan summary is not JSON", e);
    }
  }
}
