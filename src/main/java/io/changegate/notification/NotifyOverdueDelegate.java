package io.changegate.notification;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Escalation of an overdue task (non-interrupting timer): tells the groups and flags the change in its
 * timeline; the task stays open. In the diagram: {@code ${notifyOverdue.escalate(execution, 'ecab,cab', 'ECAB approval')}}.
 */
@CallsOut
@CallableFromModels
@Component("notifyOverdue")
public class NotifyOverdueDelegate {

  private final NotificationPort notifications;
  private final AuditTrail audit;
  private final ChangeService changes;

  public NotifyOverdueDelegate(NotificationPort notifications, AuditTrail audit, ChangeService changes) {
    this.notifications = notifications;
    this.audit = audit;
    this.changes = changes;
  }

  public void escalate(DelegateExecution execution, String groups, String step) {
    String changeId = CHANGE_ID.required(execution);
    List<String> told = Arrays.stream(groups.split(",")).map(String::strip).toList();
    String title = changes.get(changeId).title();

    notifications.send(new Notification(changeId, told, changeId + " is overdue: " + step,
        "'" + title + "' waits at '" + step + "' past its due date."));

    audit.record(ChangeService.SYSTEM_ACTOR, "ESCALATED", changeId, Map.of("step", step, "notified", told));
  }
}
