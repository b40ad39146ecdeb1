package io.changegate.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The flag rollout and pre-traffic checks of each change ({@code changegate_release_safety}), in the caller's transaction. */
@Repository
public class ReleaseSafetyRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public ReleaseSafetyRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** What the change declared; {@link ReleaseSafety#NONE} when nothing. */
  public ReleaseSafety of(String changeId) {
    return jdbc.sql("SELECT flag_rollout, pre_traffic FROM changegate_release_safety WHERE change_id = ?")
        .param(changeId)
        .query((rs, row) -> new ReleaseSafety(read(rs.getString("flag_rollout"), FlagRollout.class),
            read(rs.getString("pre_traffic"), PreTraffic.class)))
        .optional().orElse(ReleaseSafety.NONE);
  }

  void insert(String changeId, ReleaseSafety safety) {
    if (safety.isEmpty()) {
      return;
    }
    jdbc.sql("INSERT INTO changegate_release_safety (change_id, flag_rollout, pre_traffic) VALUES (?, ?, ?)")
        .params(changeId, write(safety.flagRollout()),
            safety.preTraffic() == null || safety.preTraffic().isEmpty() ? null : write(safety.preTraffic()))
        .update();
  }

  private String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serializable: " + value, e);
    }
  }

  private <T> T read(String content, Class<T> type) {
    if (content == null) {
      return null;
    }
    try {
      return json.readValue(content, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is not JSON: " + content, e);
    }
  }
}
