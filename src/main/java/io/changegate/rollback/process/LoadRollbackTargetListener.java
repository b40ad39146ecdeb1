package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;
import static io.changegate.rollback.RollbackProcess.CHECKPOINT_NOTE;
import static io.changegate.rollback.RollbackProcess.MIGRATION_UNDO;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.RollbackStep;
import io.changegate.rollback.TargetRollbackService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Start listener of "Roll back each target": which target, and how its migration is undone. */
@CallableFromModels
@Component("loadRollbackTarget")
public class LoadRollbackTargetListener implements ExecutionListener {

  private final TargetRollbackService targets;

  public LoadRollbackTargetListener(TargetRollbackService targets) {
    this.targets = targets;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    RollbackStep step = targets.step(changeId, index);

    TARGET_NAME.setLocal(execution, step.target());
    MIGRATION_UNDO.setLocal(execution, step.migrationUndo());
    CHECKPOINT_NOTE.setLocal(execution, step.checkpointNote());
  }
}
