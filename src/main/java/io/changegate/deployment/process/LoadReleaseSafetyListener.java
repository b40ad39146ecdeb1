package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.FLAG_ROLLOUT_DECLARED;
import static io.changegate.deployment.DeploymentProcess.FLAG_ROLLOUT_DONE;
import static io.changegate.deployment.DeploymentProcess.PRE_TRAFFIC_DECLARED;

import io.changegate.deployment.PreTrafficService;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of the gateways "Pre-traffic checks declared?" and "Feature flag to enable?": whether the change
 * declares checks before the traffic switch and a feature-flag rollout, from Changegate's own table (never from a
 * variable a user could write). Both are routing values for the gateway it runs on. Only a change that declares a
 * flag rollout stores {@code flagRolloutDone} (false until its last stage is validated), which the flag gateway reads
 * again after the rollout.
 */
@CallableFromModels
@Component("loadReleaseSafety")
public class LoadReleaseSafetyListener implements ExecutionListener {

  private final PreTrafficService preTraffic;

  public LoadReleaseSafetyListener(PreTrafficService preTraffic) {
    this.preTraffic = preTraffic;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    PreTrafficService.Declared declared = preTraffic.declared(changeId);

    PRE_TRAFFIC_DECLARED.set(execution, declared.preTraffic());
    FLAG_ROLLOUT_DECLARED.set(execution, declared.flagRollout());
    if (declared.flagRollout() && FLAG_ROLLOUT_DONE.from(execution) == null) {
      FLAG_ROLLOUT_DONE.set(execution, false);
    }
  }
}
