package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_STATE;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.rollback.RollbackProcess.ERROR_ROLLBACK_FAILED;

import io.changegate.deployment.RolloutState;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.rollback.TargetRollbackService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Check rollback rollout": progress of the rollback of one target. */
@CallsOut
@CallableFromModels
@Component("checkRollback")
public class CheckRollbackDelegate implements JavaDelegate {

  private final TargetRollbackService targets;

  public CheckRollbackDelegate(TargetRollbackService targets) {
    this.targets = targets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    RolloutState state = targets.checkRollback(changeId, index);

    ROLLOUT_STATE.set(execution, state.name());
    if (state == RolloutState.FAILED || state == RolloutState.DEGRADED) {
      throw new BpmnError(ERROR_ROLLBACK_FAILED, "rollback " + index + " of " + changeId + ": " + state);
    }
  }
}
