package io.changegate.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeService;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns what happened into messages, from what has committed: the audit trail (read after a cursor, so each entry is
 * told once) and the tasks created (each task once, by its id). Who is told:
 * <ul>
 *   <li>the requester at every outcome: approved, rejected (with the reason), each target deployed, completed,
 *       failed, promotion refused (why), cancelled, rolled back;</li>
 *   <li>the CAB, the ECAB and operations at the start and the end of a rollback;</li>
 *   <li>the service's incident channel and the requester at the start of a rollback, at each step (evidence,
 *       incident, each target, each stateful component, the verification) and at its end;</li>
 *   <li>the groups (or persons) a task is for, when it is created, with links to Tasklist and the change page.</li>
 * </ul>
 * Escalations reach their groups through {@link NotificationPort} ({@link EscalationService}).
 */
@Service
public class NotificationFeed {

  static final String AUDIT_CURSOR = "audit";
  /** Tasks created this long ago and still open are looked at (a task's creation may commit late). */
  static final Duration TASK_WINDOW = Duration.ofHours(1);

  private static final Set<AuditAction> TO_REQUESTER = Set.of(AuditAction.APPROVED, AuditAction.REJECTED,
      AuditAction.DEPLOYED, AuditAction.COMPLETED, AuditAction.FAILED, AuditAction.PROMOTION_REFUSED,
      AuditAction.CANCELLED, AuditAction.ROLLED_BACK);
  private static final Set<AuditAction> ROLLBACK = Set.of(AuditAction.ROLLING_BACK, AuditAction.ROLLED_BACK,
      AuditAction.RECOVERY_NOT_VERIFIED);
  private static final List<String> ROLLBACK_GROUPS = List.of("cab", "ecab", "operations");
  /** A rollback as it goes: start, progress, end; for the service's incident channel and the requester. */
  private static final Set<AuditAction> ROLLBACK_COURSE = Set.of(AuditAction.ROLLING_BACK,
      AuditAction.EVIDENCE_PRESERVED, AuditAction.INCIDENT_OPENED, AuditAction.TARGET_ROLLED_BACK,
      AuditAction.CHECKPOINT_RESTORED, AuditAction.STATEFUL_COMPONENT_RESTORED, AuditAction.RECOVERY_VERIFIED,
      AuditAction.RECOVERY_NOT_VERIFIED, AuditAction.ROLLED_BACK, AuditAction.ROLLBACK_FAILURE_HANDLED);

  private final AuditTrail audit;
  private final ChangeService changes;
  private final Notifier notifier;
  private final JdbcClient jdbc;
  private final NotificationProperties properties;
  private final Clock clock;

  NotificationFeed(AuditTrail audit, ChangeService changes, Notifier notifier, JdbcClient jdbc,
      NotificationProperties properties, Clock clock) {
    this.audit = audit;
    this.changes = changes;
    this.notifier = notifier;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Queues the messages of new audit entries and new tasks; returns how many events it read. */
  @Transactional
  public int poll() {
    long cursor = jdbc.sql("SELECT position FROM changegate_notification_cursor WHERE name = ? FOR UPDATE")
        .param(AUDIT_CURSOR).query(Long.class).optional().orElseGet(() -> {
          jdbc.sql("INSERT INTO changegate_notification_cursor (name, position) VALUES (?, 0)").param(AUDIT_CURSOR)
              .update();
          return 0L;
        });
    List<AuditEntry> entries = audit.entriesAfter(cursor, 200);
    for (AuditEntry entry : entries) {
      tell(entry);
    }
    if (!entries.isEmpty()) {
      jdbc.sql("UPDATE changegate_notification_cursor SET position = ? WHERE name = ?")
          .params(entries.get(entries.size() - 1).seq(), AUDIT_CURSOR).update();
    }
    return entries.size() + newTasks();
  }

  private void tell(AuditEntry entry) {
    AuditAction action;
    try {
      action = AuditAction.valueOf(entry.action());
    } catch (IllegalArgumentException notOurs) {
      return;
    }
    if (entry.changeId() == null || !(TO_REQUESTER.contains(action) || ROLLBACK.contains(action)
        || ROLLBACK_COURSE.contains(action))) {
      return;
    }
    Optional<Change> change = find(entry.changeId());
    if (change.isEmpty()) {
      return; // a model change's entries carry its proposal key
    }
    Change c = change.get();
    JsonNode details = entry.detailsJson();
    String key = "audit:" + entry.seq();
    String what = c.id() + " " + c.title();
    if (TO_REQUESTER.contains(action)) {
      String subject = switch (action) {
        case APPROVED -> what + " is approved";
        case REJECTED -> what + " was rejected";
        case DEPLOYED -> what + ": " + details.path("target").asText("a target") + " deployed";
        case COMPLETED -> what + " is deployed and validated (COMPLETED)";
        case FAILED -> what + " FAILED";
        case PROMOTION_REFUSED -> what + ": promotion refused";
        case CANCELLED -> what + " was cancelled";
        case ROLLED_BACK -> what + " was rolled back";
        default -> what + ": " + action;
      };
      notifier.toUsers(key, c.id(), List.of(c.requester()), subject, body(c, action, details));
    }
    if (ROLLBACK.contains(action)) {
      String subject = switch (action) {
        case ROLLING_BACK -> "Rollback started: " + what;
        case ROLLED_BACK -> "Rollback ended: " + what + " is rolled back";
        default -> "Rollback ended: " + what + " — recovery NOT verified";
      };
      notifier.toGroups(key + ":rollback", c.id(), ROLLBACK_GROUPS, subject, body(c, action, details));
    }
    if (ROLLBACK_COURSE.contains(action)) {
      String subject = switch (action) {
        case ROLLING_BACK -> "Rollback started: " + what;
        case ROLLED_BACK -> "Rollback ended: " + what + " is rolled back";
        case ROLLBACK_FAILURE_HANDLED -> "Rollback ended: " + what + " — restored by hand after a failed rollback";
        default -> "Rollback progress: " + what + " — " + action.meaning();
      };
      String text = body(c, action, details);
      notifier.toIncidentChannel(key + ":incident", c.id(), c.service(), subject, text);
      if (action != AuditAction.ROLLED_BACK) {
        // the requester is told ROLLED_BACK with the other outcomes above
        notifier.toUsers(key + ":rollback-course", c.id(), List.of(c.requester()), subject, text);
      }
    }
  }

  private static String body(Change c, AuditAction action, JsonNode details) {
    StringBuilder text = new StringBuilder();
    text.append("'").append(c.title()).append("' (").append(c.service()).append(" in ").append(c.environment())
        .append("): ").append(action.meaning()).append('.');
    for (String field : List.of("reason", "step", "target", "component", "checkpoint", "detail", "message", "version",
        "reference", "timeToRestore")) {
      if (details.hasNonNull(field) && !details.path(field).asText().isBlank()) {
        text.append("\n").append(field).append(": ").append(details.path(field).asText());
      }
    }
    return text.toString();
  }

  /** Tasks created lately, still open and not told yet: their groups and persons are told. */
  private int newTasks() {
    record NewTask(String taskId, String changeId, String name, String groups, String users) {}
    OffsetDateTime since = clock.instant().minus(TASK_WINDOW).atOffset(ZoneOffset.UTC);
    List<NewTask> found = jdbc.sql("""
            SELECT t.task_id, t.change_id, t.name, t.candidate_groups, t.candidate_users FROM changegate_task t
            WHERE t.completed_at IS NULL AND t.created_at >= ? AND t.change_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM changegate_notification n WHERE n.event_key = CONCAT('task:', t.task_id))
            ORDER BY t.created_at LIMIT 200""")
        .param(since)
        .query((rs, row) -> new NewTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .list();
    for (NewTask task : found) {
      Optional<Change> change = find(task.changeId());
      if (change.isEmpty()) {
        continue;
      }
      Change c = change.get();
      String key = "task:" + task.taskId();
      String subject = task.name() + ": " + c.id() + " " + c.title();
      String body = "'" + c.title() + "' (" + c.service() + " in " + c.environment() + ", requested by "
          + c.requester() + ") waits for you: " + task.name() + ".\nOpen the task in Tasklist: "
          + properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + task.taskId();
      List<String> groups = split(task.groups());
      List<String> users = split(task.users());
      if (!groups.isEmpty()) {
        // segregation of duties offers a group's task to its other members when the requester is one of them
        notifier.toGroups(key, c.id(), groups, users.contains(c.requester()) ? List.of() : List.of(c.requester()),
            subject, body);
      }
      if (!users.isEmpty()) {
        notifier.toUsers(key, c.id(), users, subject, body);
      }
    }
    return found.size();
  }

  private Optional<Change> find(String changeId) {
    try {
      return Optional.of(changes.get(changeId));
    } catch (ChangeNotFoundException e) {
      return Optional.empty();
    }
  }

  private static List<String> split(String joined) {
    return joined == null || joined.isBlank() ? List.of()
        : List.of(joined.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
