package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.rollback.RollbackProcess.INCIDENT_REFERENCE;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.rollback.RollbackIncidents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record incident": opens the incident in the ITSM tool and links it to the change. */
@CallsOut
@CallableFromModels
@Component("openIncident")
public class OpenIncidentDelegate implements JavaDelegate {

  private final RollbackIncidents incidents;

  public OpenIncidentDelegate(RollbackIncidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    String reference = incidents.openIncident(changeId);

    INCIDENT_REFERENCE.set(execution, reference);
  }
}
