package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.deployment.EnvironmentSlots;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of the deployment process: however it ends (completed, failed, rolled back, cancelled),
 * the change's environment slot is freed and the changes waiting for it are woken up.
 */
@CallableFromModels
@Component("releaseEnvironmentSlot")
public class ReleaseEnvironmentSlotListener implements ExecutionListener {

  private final EnvironmentSlots slots;

  public ReleaseEnvironmentSlotListener(EnvironmentSlots slots) {
    this.slots = slots;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    slots.release(changeId);
  }
}
