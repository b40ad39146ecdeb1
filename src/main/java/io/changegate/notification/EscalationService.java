package io.changegate.notification;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Escalation of a step that is overdue: the groups are told (through {@link NotificationPort}) and the change is
 * flagged on its timeline; the step itself goes on waiting.
 */
@Service
public class EscalationService {


  private final NotificationPort notifications;
  private final AuditTrail audit;
  private final ChangeService changes;

  public EscalationService(NotificationPort notifications, AuditTrail audit, ChangeService changes) {
    this.notifications = notifications;
    this.audit = audit;
    this.changes = changes;
  }

  /** Tells {@code groups} that the change waits at {@code step} past its due date, and records it. */
  public void escalate(String changeId, List<String> groups, String step) {
    String title = changes.get(changeId).title();

    notifications.send(new Notification(changeId, groups, changeId + " is overdue: " + step,
        "'" + title + "' waits at '" + step + "' past its due date."));

    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.ESCALATED, changeId, Map.of("step", step, "notified", groups));
  }
}
