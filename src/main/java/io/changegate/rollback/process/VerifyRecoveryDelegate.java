package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.rollback.RollbackProcess.RECOVERY_VERIFIED;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.rollback.RecoveryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Verify recovery": the same validation as after the deployment. */
@CallsOut
@CallableFromModels
@Component("verifyRecovery")
public class VerifyRecoveryDelegate implements JavaDelegate {

  private final RecoveryService recovery;

  public VerifyRecoveryDelegate(RecoveryService recovery) {
    this.recovery = recovery;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    boolean recovered = recovery.verifyRecovery(changeId);

    RECOVERY_VERIFIED.set(execution, recovered);
  }
}
