package io.changegate.refresh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code changegate_refresh}: one row per refreshed change, written once, never updated. */
@Repository
class RefreshRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  RefreshRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<RefreshResult> find(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_refresh WHERE change_id = ?").param(changeId)
        .query((rs, n) -> new RefreshResult(rs.getString("change_id"), rs.getString("source_environment"),
            rs.getString("target_environment"), rs.getString("adapter"), rs.getBoolean("simulated"),
            rs.getBoolean("verified"), rs.getString("verification_query"), rs.getString("expected_result"),
            rs.getString("observed_result"), read(rs.getString("evidence")), rs.getString("evidence_sha256"),
            rs.getObject("finished_at", java.time.OffsetDateTime.class).toInstant()))
        .optional();
  }

  void insert(RefreshResult result, String evidenceText) {
    jdbc.sql("""
            INSERT INTO changegate_refresh (change_id, source_environment, target_environment, adapter, simulated,
              verified, verification_query, expected_result, observed_result, evidence, evidence_sha256, finished_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(result.changeId(), result.source(), result.target(), result.adapter(), result.simulated(),
            result.verified(), result.query(), result.expected(), result.observed(), evidenceText,
            result.evidenceSha256(), result.finishedAt().atOffset(java.time.ZoneOffset.UTC))
        .update();
  }

  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored refresh evidence is not JSON", e);
    }
  }

}
