package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.INCIDENT_REFERENCE;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RollbackService;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record incident": opens the incident in the ITSM tool and links it to the change. */
@CallsOut
@CallableFromModels
@Component("openIncident")
public class OpenIncidentDelegate implements JavaDelegate {

  private final RollbackService rollbacks;

  public OpenIncidentDelegate(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    String reference = rollbacks.openIncident(changeId);

    INCIDENT_REFERENCE.set(execution, reference);
  }
}
