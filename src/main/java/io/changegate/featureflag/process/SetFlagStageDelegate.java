package io.changegate.featureflag.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.featureflag.FeatureFlagProcess.ERROR_FLAG_STAGE_FAILED;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_PERCENT;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_STAGE;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_STAGE_ENDS_AT;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.featureflag.FlagRolloutService;
import java.util.OptionalInt;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Set the flag to the stage": the stage's percentage through the flag provider. Setting a
 * percentage is idempotent: a job that runs twice sets the same value. A refusal throws "Flag stage failed".
 */
@CallsOut
@CallableFromModels
@Component("setFlagStage")
public class SetFlagStageDelegate implements JavaDelegate {

  private final FlagRolloutService rollouts;

  public SetFlagStageDelegate(FlagRolloutService rollouts) {
    this.rollouts = rollouts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    Integer stage = FLAG_STAGE.from(execution);
    int index = stage == null ? 0 : stage;

    OptionalInt percent = rollouts.setStage(changeId, index);

    FLAG_STAGE.set(execution, index);
    FLAG_STAGE_ENDS_AT.set(execution, null);
    if (percent.isEmpty()) {
      throw new BpmnError(ERROR_FLAG_STAGE_FAILED, "stage " + (index + 1) + " of the flag rollout of " + changeId
          + " was refused");
    }
    FLAG_PERCENT.set(execution, percent.getAsInt());
  }
}
