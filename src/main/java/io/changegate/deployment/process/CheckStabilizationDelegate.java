package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.NEXT_VALIDATION_IN;
import static io.changegate.deployment.DeploymentProcess.STABILIZATION_ENDS_AT;
import static io.changegate.deployment.DeploymentProcess.STABILIZED;

import io.changegate.deployment.Stabilization;
import io.changegate.deployment.StabilizationService;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Check stabilization period": after a passing validation, is the change stable for long
 * enough ({@code validation.stabilizationMinutes}), or when is the next validation round.
 */
@CallableFromModels
@Component("checkStabilization")
public class CheckStabilizationDelegate implements JavaDelegate {

  private final StabilizationService stabilization;

  public CheckStabilizationDelegate(StabilizationService stabilization) {
    this.stabilization = stabilization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    String endsAt = STABILIZATION_ENDS_AT.from(execution);

    Stabilization result = stabilization.check(changeId, endsAt);

    STABILIZED.set(execution, result.stabilized());
    if (!result.stabilized()) {
      // remembered for the next round; a change that is stable already waits for none
      STABILIZATION_ENDS_AT.set(execution, result.endsAt());
    }
    NEXT_VALIDATION_IN.set(execution, result.nextValidationIn());
  }
}
