package io.changegate.emergency.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.emergency.EmergencyService;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record blackout override": an approved emergency deploys at once, even inside a
 * blackout window; the override is recorded with the emergency's justification, on the change and in the
 * audit trail ({@link EmergencyService#recordBlackoutOverride}).
 */
@CallableFromModels
@Component("recordBlackoutOverride")
public class BlackoutOverrideDelegate implements JavaDelegate {

  private final EmergencyService emergencies;

  public BlackoutOverrideDelegate(EmergencyService emergencies) {
    this.emergencies = emergencies;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    emergencies.recordBlackoutOverride(changeId);
  }
}
