package io.changegate.environment.process;

import io.changegate.environment.EnvironmentProcesses;
import io.changegate.environment.OwnerTasks;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The owner group's tasks as process instances of the engine, started by Changegate (no person's start, no
 * business key a person chose): the candidate group and the form's read-only fields come from the variables set
 * here; the decision listeners read the owner and the bookings from Changegate's tables again.
 */
@Component
class EngineOwnerTasks implements OwnerTasks {

  private final RuntimeService runtime;

  EngineOwnerTasks(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public String decideBookings(String contentionId, String environment, String ownerGroup, String proposedOrder) {
    return runtime.createProcessInstanceByKey(EnvironmentProcesses.BOOKING)
        .businessKey(contentionId)
        .setVariable(EnvironmentProcesses.ENVIRONMENT, environment)
        .setVariable(EnvironmentProcesses.OWNER_GROUP, ownerGroup)
        .setVariable(EnvironmentProcesses.PROPOSED_ORDER, proposedOrder)
        .execute().getId();
  }

  @Override
  public void showOrder(String processInstanceId, String proposedOrder) {
    if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      runtime.setVariable(processInstanceId, EnvironmentProcesses.PROPOSED_ORDER, proposedOrder);
    }
  }

  @Override
  public String proposeDecommission(String proposalId, String environment, String ownerGroup, long idleDays) {
    return runtime.createProcessInstanceByKey(EnvironmentProcesses.DECOMMISSION)
        .businessKey(proposalId)
        .setVariable(EnvironmentProcesses.ENVIRONMENT, environment)
        .setVariable(EnvironmentProcesses.OWNER_GROUP, ownerGroup)
        .setVariable(EnvironmentProcesses.IDLE_DAYS, idleDays)
        .execute().getId();
  }
}
