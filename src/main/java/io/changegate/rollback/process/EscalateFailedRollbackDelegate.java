package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.INCIDENT_REFERENCE;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RollbackService;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Raise incident: rollback failed": a critical incident for operations. */
@CallsOut
@CallableFromModels
@Component("escalateFailedRollback")
public class EscalateFailedRollbackDelegate implements JavaDelegate {

  private final RollbackService rollbacks;

  public EscalateFailedRollbackDelegate(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    String reference = rollbacks.escalateFailedRollback(changeId);

    INCIDENT_REFERENCE.set(execution, reference);
  }
}
