package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.SLOT_POLL_INTERVAL;
import static io.changegate.deployment.DeploymentProcess.SLOT_RESERVED;

import io.changegate.deployment.DeploymentProperties;
import io.changegate.deployment.EnvironmentSlots;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Reserve environment slot": the change goes on, or waits in the queue of its environment. */
@CallableFromModels
@Component("reserveEnvironmentSlot")
public class ReserveEnvironmentSlotDelegate implements JavaDelegate {

  private final EnvironmentSlots slots;
  private final DeploymentProperties properties;

  public ReserveEnvironmentSlotDelegate(EnvironmentSlots slots, DeploymentProperties properties) {
    this.slots = slots;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    boolean reserved = slots.reserveFor(changeId);

    SLOT_RESERVED.set(execution, reserved);
    if (!reserved) {
      SLOT_POLL_INTERVAL.set(execution, properties.slotPollInterval().toString());
    }
  }
}
