package io.changegate.oversight;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which change each recorded engine operation touched ({@code changegate_intervention}), by the operation id of the
 * engine's user operation log, so that an annotation given later lands on the same changes; and that annotation.
 */
@Repository
class InterventionIndex {

  /** One recorded operation on one change (none: {@code changeId} null). */
  record Entry(String operationId, String changeId, String operation) {}

  private final JdbcClient jdbc;

  InterventionIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Entry entry) {
    jdbc.sql("INSERT INTO changegate_intervention (operation_id, change_id, operation) VALUES (?, ?, ?)")
        .params(entry.operationId(), entry.changeId(), entry.operation()).update();
  }

  List<Entry> of(String operationId) {
    return jdbc.sql("SELECT operation_id, change_id, operation FROM changegate_intervention WHERE operation_id = ?")
        .param(operationId)
        .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  /**
   * The annotation the engine's user operation log holds for an operation now. Read from the engine's table
   * {@code ACT_HI_OP_LOG} (all entries of one operation carry the same annotation), without the reader's engine
   * authorizations: call it once the engine has written its changes (at commit).
   */
  Optional<String> annotationOf(String operationId) {
    return jdbc.sql("SELECT ANNOTATION_ FROM ACT_HI_OP_LOG WHERE OPERATION_ID_ = ? AND ANNOTATION_ IS NOT NULL")
        .param(operationId).query(String.class).list().stream().findFirst();
  }
}
