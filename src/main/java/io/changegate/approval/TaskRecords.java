package io.changegate.approval;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code changegate_task}: every user task of a change as the process definition created it — who it is for — and
 * who completed it with which decision. Written in the engine's transaction by the engine's own listeners
 * ({@link io.changegate.approval.process.TaskRecordingParseListener}); read by the segregation-of-duties rules.
 */
@Repository
public class TaskRecords {

  /** A task as created, and its outcome once completed. */
  public record TaskRecord(String taskId, String changeId, String processInstanceId, String processKey, String step,
      String name, Set<String> candidateGroups, Set<String> candidateUsers, Instant createdAt, String completedBy,
      Instant completedAt, Decision decision, String comment) {

    /** Whether the task is for this user: named as a candidate, or a member of a candidate group. */
    public boolean isFor(String user, java.util.Collection<String> groupsOfUser) {
      return candidateUsers.contains(user) || groupsOfUser.stream().anyMatch(candidateGroups::contains);
    }

    /** The groups the task is for, as one label ({@code "cab,operations"}). */
    public String groupLabel() {
      return String.join(",", candidateGroups);
    }
  }

  private final JdbcClient jdbc;

  public TaskRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void created(String taskId, String changeId, String processInstanceId, String processKey, String step,
      String name, Set<String> candidateGroups, Set<String> candidateUsers, Instant at) {
    jdbc.sql("""
            INSERT INTO changegate_task (task_id, change_id, process_instance_id, process_key, step, name,
              candidate_groups, candidate_users, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(taskId, changeId, processInstanceId, processKey, step, name, join(candidateGroups),
            join(candidateUsers), at.atOffset(ZoneOffset.UTC))
        .update();
  }

  public void completed(String taskId, String user, Instant at) {
    jdbc.sql("UPDATE changegate_task SET completed_by = ?, completed_at = ? WHERE task_id = ?")
        .params(user, at.atOffset(ZoneOffset.UTC), taskId).update();
  }

  /** The decision of an approval task, recorded once in the completing transaction. */
  public void decided(String taskId, Decision decision, String comment) {
    jdbc.sql("UPDATE changegate_task SET decision = ?, decision_comment = ? WHERE task_id = ?")
        .params(decision.name(), comment, taskId).update();
  }

  public Optional<TaskRecord> find(String taskId) {
    return jdbc.sql("SELECT * FROM changegate_task WHERE task_id = ?").param(taskId).query(TaskRecords::map)
        .optional();
  }

  /**
   * The tasks of a change not completed: open, or ended without completion (cancelled, deleted). Every user task of
   * a change is recorded in the transaction that creates it, so none here means the change has no open task.
   */
  public List<TaskRecord> notCompletedOf(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_task WHERE change_id = ? AND completed_at IS NULL")
        .param(changeId).query(TaskRecords::map).list();
  }

  /** The tasks of a change at one step (e.g. every sign-off), oldest first. */
  public List<TaskRecord> ofChange(String changeId, String step) {
    return jdbc.sql("SELECT * FROM changegate_task WHERE change_id = ? AND step = ? ORDER BY created_at, task_id")
        .params(changeId, step).query(TaskRecords::map).list();
  }

  /** Every decided approval of a change, oldest first. */
  public List<TaskRecord> decisionsOf(String changeId) {
    return jdbc.sql("""
            SELECT * FROM changegate_task WHERE change_id = ? AND decision IS NOT NULL
            ORDER BY completed_at, task_id""")
        .param(changeId).query(TaskRecords::map).list();
  }

  private static TaskRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    String decision = rs.getString("decision");
    return new TaskRecord(rs.getString("task_id"), rs.getString("change_id"), rs.getString("process_instance_id"),
        rs.getString("process_key"), rs.getString("step"), rs.getString("name"), split(rs.getString("candidate_groups")),
        split(rs.getString("candidate_users")), instant(rs, "created_at"), rs.getString("completed_by"),
        instant(rs, "completed_at"), decision == null ? null : Decision.valueOf(decision),
        rs.getString("decision_comment"));
  }

  private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String join(Set<String> values) {
    return String.join(",", new TreeSet<>(values));
  }

  private static Set<String> split(String value) {
    return value == null || value.isBlank() ? Set.of()
        : Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(value.split(","))));
  }
}
