package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.PROMOTED;

import io.changegate.deployment.PreTrafficService;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Promote the canary": after passing pre-traffic checks, each target's adapter switches the traffic
 * (Argo Rollouts: Argo CD's resource action on the Rollout). Promoting a rollout that already went on changes
 * nothing, so a job that runs twice is harmless.
 */
@CallsOut
@CallableFromModels
@Component("promoteCanary")
public class PromoteCanaryDelegate implements JavaDelegate {

  private final PreTrafficService preTraffic;

  public PromoteCanaryDelegate(PreTrafficService preTraffic) {
    this.preTraffic = preTraffic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    boolean promoted = preTraffic.promote(changeId);

    PROMOTED.set(execution, promoted);
  }
}
