package io.changegate.change.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.engine.CallableFromModels;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sets the change's status from the diagram, where a process owner sees it:
 * {@code ${changeStatus.set(execution, 'DEPLOYING')}} as an execution listener.
 */
@CallableFromModels
@Component("changeStatus")
public class ChangeStatusListener {

  private final ChangeService changes;

  public ChangeStatusListener(ChangeService changes) {
    this.changes = changes;
  }

  /**
   * Ends the change REJECTED with the reason a reviewer gave, from the diagram:
   * {@code ${changeStatus.reject(execution, signOffComment)}}.
   */
  public void reject(DelegateExecution execution, String reason) {
    changes.transition(CHANGE_ID.required(execution), ChangeStatus.REJECTED, ChangeService.SYSTEM_ACTOR,
        Map.of("step", step(execution), "reason", reason == null ? "" : reason));
  }

  public void set(DelegateExecution execution, String status) {
    changes.transition(CHANGE_ID.required(execution), ChangeStatus.valueOf(status), ChangeService.SYSTEM_ACTOR,
        Map.of("step", step(execution)));
  }

  /** Where in the diagram the status changes: the activity's name, else its id, else the process. */
  private static String step(DelegateExecution execution) {
    if (execution.getCurrentActivityName() != null) {
      return execution.getCurrentActivityName();
    }
    return execution.getCurrentActivityId() != null ? execution.getCurrentActivityId()
        : execution.getProcessDefinitionId();
  }
}
