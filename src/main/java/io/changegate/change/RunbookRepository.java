package io.changegate.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The runbook of each change and who wrote it last ({@code changegate_runbook}), in the caller's transaction. */
@Repository
public class RunbookRepository {

  /** A stored runbook with its author (the person the peer review must not be done by). */
  public record Authored(Runbook runbook, String author, Instant updatedAt) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public RunbookRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Optional<Authored> find(String changeId) {
    return jdbc.sql("SELECT content, author, updated_at FROM changegate_runbook WHERE change_id = ?")
        .param(changeId)
        .query((rs, row) -> new Authored(read(rs.getString("content")), rs.getString("author"),
            rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant()))
        .optional();
  }

  public void save(String changeId, Runbook runbook, String author, Instant at) {
    int updated = jdbc.sql("UPDATE changegate_runbook SET content = ?, author = ?, updated_at = ? WHERE change_id = ?")
        .params(write(runbook), author, at.atOffset(ZoneOffset.UTC), changeId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO changegate_runbook (change_id, content, author, updated_at) VALUES (?, ?, ?, ?)")
          .params(changeId, write(runbook), author, at.atOffset(ZoneOffset.UTC)).update();
    }
  }

  private String write(Runbook runbook) {
    try {
      return json.writeValueAsString(runbook);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("runbook not serializable", e);
    }
  }

  private Runbook read(String content) {
    try {
      return json.readValue(content, Runbook.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored runbook is not JSON: " + content, e);
    }
  }
}
