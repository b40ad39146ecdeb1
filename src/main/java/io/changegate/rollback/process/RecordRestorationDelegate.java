package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RecoveryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record restoration": status ROLLED_BACK with the time to restore. */

@CallableFromModels
@Component("recordRestoration")
public class RecordRestorationDelegate implements JavaDelegate {

  private final RecoveryService recovery;

  public RecordRestorationDelegate(RecoveryService recovery) {
    this.recovery = recovery;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    recovery.recordRestored(changeId);
  }
}
