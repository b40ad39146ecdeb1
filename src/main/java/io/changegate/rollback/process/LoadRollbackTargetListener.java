package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.CHECKPOINT_NOTE;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_UNDO;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RollbackService;
import io.changegate.rollback.RollbackStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Start listener of "Roll back each target": which target, and how its migration is undone. */
@CallableFromModels
@Component("loadRollbackTarget")
public class LoadRollbackTargetListener implements ExecutionListener {

  private final RollbackService rollbacks;

  public LoadRollbackTargetListener(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    RollbackStep step = rollbacks.step(changeId, index);

    TARGET_NAME.setLocal(execution, step.target());
    MIGRATION_UNDO.setLocal(execution, step.migrationUndo());
    CHECKPOINT_NOTE.setLocal(execution, step.checkpointNote());
  }
}
