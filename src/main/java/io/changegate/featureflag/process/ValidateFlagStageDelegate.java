package io.changegate.featureflag.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.FLAG_ROLLOUT_DONE;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_MORE_STAGES;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_STAGE;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_STAGE_ENDS_AT;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_STAGE_PASSED;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_STAGE_VALIDATED;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_WAIT;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.featureflag.FlagRolloutService;
import io.changegate.featureflag.StageVerdict;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Validate the stage": one validation round of the change at the stage's percentage. */
@CallsOut
@CallableFromModels
@Component("validateFlagStage")
public class ValidateFlagStageDelegate implements JavaDelegate {

  private final FlagRolloutService rollouts;

  public ValidateFlagStageDelegate(FlagRolloutService rollouts) {
    this.rollouts = rollouts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = FLAG_STAGE.required(execution);
    String endsAt = FLAG_STAGE_ENDS_AT.from(execution);

    StageVerdict verdict = rollouts.validateStage(changeId, index, endsAt);

    FLAG_STAGE_PASSED.set(execution, verdict.passed());
    FLAG_STAGE_VALIDATED.set(execution, verdict.validated());
    FLAG_STAGE_ENDS_AT.set(execution, verdict.endsAt());
    FLAG_WAIT.set(execution, verdict.nextIn());
    FLAG_MORE_STAGES.set(execution, verdict.moreStages());
    if (verdict.validated() && verdict.moreStages()) {
      FLAG_STAGE.set(execution, index + 1);
    }
    if (verdict.validated() && !verdict.moreStages()) {
      FLAG_ROLLOUT_DONE.set(execution, true);
    }
  }
}
