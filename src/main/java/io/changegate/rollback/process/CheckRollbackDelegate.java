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

/** Service task "Check rollback rollout": progress of the rollback of one target. */
@CallsOut
@CallableFromModels
@Component("checkRollback")
public class CheckRollbackDelegate implements JavaDelegate {

  private final RollbackService rollbacks;

  public CheckRollbackDelegate(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    RolloutState state = rollbacks.checkRollback(changeId, index);

    ROLLOUT_STATE.set(execution, state.name());
    if (state == RolloutState.FAILED || state == RolloutState.DEGRADED) {
      throw new BpmnError(ERROR_ROLLBACK_FAILED, "rollback " + index + " of " + changeId + ": " + state);
    }
  }
}
