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
 * Start listener of "Deployment requested": whether the change declares checks before the traffic switch and a
 * feature-flag rollout, from Changegate's own table (never from a variable a user could write).
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
    FLAG_ROLLOUT_DONE.set(execution, false);
  }
}
