package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.rollback.RollbackProcess.STATEFUL_CHECKPOINT;
import static io.changegate.rollback.RollbackProcess.STATEFUL_KIND;
import static io.changegate.rollback.RollbackProcess.STATEFUL_NAME;
import static io.changegate.rollback.RollbackProcess.STATEFUL_POSITION;
import static io.changegate.rollback.RollbackProcess.STATEFUL_RESTORE;

import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.rollback.StatefulRestores;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Listeners of "Restore stateful component" (one task per runbook section, in order): {@code create} puts the
 * section on the task from the runbook ({@code ${statefulComponents.load(task)}}); {@code complete} records who
 * restored it and how ({@code ${statefulComponents.restored(task)}}; the comment is required).
 */
@CallableFromModels
@Component("statefulComponents")
public class StatefulComponentTasks {

  private final StatefulRestores restores;

  public StatefulComponentTasks(StatefulRestores restores) {
    this.restores = restores;
  }

  public void load(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    int index = TARGET_INDEX.required(task);

    StatefulRestores.Step step = restores.step(changeId, index);

    STATEFUL_POSITION.setLocal(task, step.positionText());
    STATEFUL_KIND.setLocal(task, step.section().kind().name());
    STATEFUL_NAME.setLocal(task, step.section().name());
    STATEFUL_CHECKPOINT.setLocal(task, step.section().checkpoint().name());
    STATEFUL_RESTORE.setLocal(task, step.section().restore());
  }

  public void restored(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    int index = TARGET_INDEX.required(task);
    String comment = COMMENT.from(task);
    if (comment == null || comment.isBlank()) {
      throw new GovernanceRefusal("'" + task.getName() + "' needs a comment: what was restored, and how it was checked");
    }

    restores.restored(changeId, index, Actor.of(task), comment);
  }
}
