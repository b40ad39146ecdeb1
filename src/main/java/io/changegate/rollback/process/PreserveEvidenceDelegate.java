package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.DRY_RUN;
import static io.changegate.deployment.DeploymentProcess.ROLLBACK_TARGET_COUNT;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_POLL_INTERVAL;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RollbackPlan;
import io.changegate.rollback.RollbackService;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Preserve forensic evidence": the evidence bundle, before anything is rolled back. */
@CallsOut
@CallableFromModels
@Component("preserveEvidence")
public class PreserveEvidenceDelegate implements JavaDelegate {

  private final RollbackService rollbacks;

  public PreserveEvidenceDelegate(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    RollbackPlan plan = rollbacks.preserveEvidence(changeId, execution.getProcessInstanceId());

    ROLLBACK_TARGET_COUNT.set(execution, plan.targetCount());
    DRY_RUN.set(execution, plan.dryRun());
    ROLLOUT_POLL_INTERVAL.set(execution, plan.rolloutPollInterval());
  }
}
