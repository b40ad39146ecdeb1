package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.ERROR_TARGET_FAILED;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_STATE;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_POLL_INTERVAL;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;

import io.changegate.deployment.DeploymentProperties;
import io.changegate.deployment.DeploymentService;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.BpmnError;
import io.changegate.deployment.RolloutState;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Check migration": the progress of the target's migration. */
@CallsOut
@CallableFromModels
@Component("checkMigration")
public class CheckMigrationDelegate implements JavaDelegate {

  private final DeploymentService deployments;
  private final DeploymentProperties properties;

  public CheckMigrationDelegate(DeploymentService deployments, DeploymentProperties properties) {
    this.deployments = deployments;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    RolloutState state = deployments.checkMigration(changeId, index);

    MIGRATION_STATE.set(execution, state.name());
    ROLLOUT_POLL_INTERVAL.set(execution, properties.rolloutPollInterval().toString());
    if (state == RolloutState.FAILED || state == RolloutState.DEGRADED) {
      throw new BpmnError(ERROR_TARGET_FAILED, "target " + index + " of " + changeId + ": " + state);
    }
  }
}
