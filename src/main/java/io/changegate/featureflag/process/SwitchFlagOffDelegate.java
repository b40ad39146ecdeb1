package io.changegate.featureflag.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.featureflag.FeatureFlagProcess.FLAG_PERCENT;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.featureflag.FlagRolloutService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Switch the feature flag off", before every rollback of the deployment: the rollback of a flag. Does
 * nothing when no stage was set; switching off twice is harmless.
 */
@CallsOut
@CallableFromModels
@Component("switchFlagOff")
public class SwitchFlagOffDelegate implements JavaDelegate {

  private final FlagRolloutService rollouts;

  public SwitchFlagOffDelegate(FlagRolloutService rollouts) {
    this.rollouts = rollouts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    Integer percent = FLAG_PERCENT.from(execution);

    if (rollouts.switchOff(changeId, percent)) {
      FLAG_PERCENT.set(execution, 0);
    }
  }
}
