package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_POLL_INTERVAL;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_STATE;

import io.changegate.deployment.DeploymentProperties;
import io.changegate.deployment.DeploymentService;
import io.changegate.deployment.RolloutState;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Confirm every target healthy": asks every target's deployment system again. */
@CallsOut
@CallableFromModels
@Component("confirmRollouts")
public class ConfirmRolloutsDelegate implements JavaDelegate {

  private final DeploymentService deployments;
  private final DeploymentProperties properties;

  public ConfirmRolloutsDelegate(DeploymentService deployments, DeploymentProperties properties) {
    this.deployments = deployments;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    RolloutState state = deployments.confirmRollouts(changeId);

    ROLLOUT_STATE.set(execution, state.name());
    ROLLOUT_POLL_INTERVAL.set(execution, properties.rolloutPollInterval().toString());
  }
}
