package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_STATE;
import static io.changegate.deployment.DeploymentProcess.ERROR_ROLLBACK_FAILED;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;

import io.changegate.deployment.RolloutState;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.BpmnError;
import io.changegate.rollback.RollbackService;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Roll back target": puts back what ran before, exactly once per target. */
@CallsOut
@CallableFromModels
@Component("rollBackTarget")
public class RollBackTargetDelegate implements JavaDelegate {

  private final RollbackService rollbacks;

  public RollBackTargetDelegate(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    RolloutState state = rollbacks.rollBackTarget(changeId, index);

    ROLLOUT_STATE.set(execution, state.name());
    if (state == RolloutState.FAILED || state == RolloutState.DEGRADED) {
      throw new BpmnError(ERROR_ROLLBACK_FAILED, "rollback " + index + " of " + changeId + ": " + state);
    }
  }
}
