package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.rollback.RollbackProcess.INCIDENT_REFERENCE;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.rollback.RollbackIncidents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Raise incident: rollback failed": a critical incident for operations. */
@CallsOut
@CallableFromModels
@Component("escalateFailedRollback")
public class EscalateFailedRollbackDelegate implements JavaDelegate {

  private final RollbackIncidents incidents;

  public EscalateFailedRollbackDelegate(RollbackIncidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    String reference = incidents.escalateFailedRollback(changeId);

    INCIDENT_REFERENCE.set(execution, reference);
  }
}
