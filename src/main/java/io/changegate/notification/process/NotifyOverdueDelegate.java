package io.changegate.notification.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.notification.EscalationService;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Escalation of an overdue task (non-interrupting timer): tells the groups and flags the change in its
 * timeline; the task stays open ({@link EscalationService}). In the diagram:
 * {@code ${notifyOverdue.escalate(execution, 'ecab,cab', 'ECAB approval')}}.
 */
@CallsOut
@CallableFromModels
@Component("notifyOverdue")
public class NotifyOverdueDelegate {

  private final EscalationService escalations;

  public NotifyOverdueDelegate(EscalationService escalations) {
    this.escalations = escalations;
  }

  public void escalate(DelegateExecution execution, String groups, String step) {
    String changeId = CHANGE_ID.required(execution);
    List<String> told = Arrays.stream(groups.split(",")).map(String::strip).toList();

    escalations.escalate(changeId, told, step);
  }
}
