package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.rollback.RollbackProcess.MIGRATION_ROLLED_BACK;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.rollback.TargetRollbackService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Roll back database migration": the migration adapter undoes the target's migration. */
@CallsOut
@CallableFromModels
@Component("rollBackMigration")
public class RollBackMigrationDelegate implements JavaDelegate {

  private final TargetRollbackService targets;

  public RollBackMigrationDelegate(TargetRollbackService targets) {
    this.targets = targets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    boolean rolledBack = targets.rollBackMigration(changeId, index);

    MIGRATION_ROLLED_BACK.set(execution, rolledBack);
  }
}
