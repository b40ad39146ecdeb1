package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_ROLLED_BACK;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RollbackService;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Roll back database migration": the migration adapter undoes the target's migration. */
@CallsOut
@CallableFromModels
@Component("rollBackMigration")
public class RollBackMigrationDelegate implements JavaDelegate {

  private final RollbackService rollbacks;

  public RollBackMigrationDelegate(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    boolean rolledBack = rollbacks.rollBackMigration(changeId, index);

    MIGRATION_ROLLED_BACK.set(execution, rolledBack);
  }
}
