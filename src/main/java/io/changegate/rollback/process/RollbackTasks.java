package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;
import static io.changegate.rollback.RollbackProcess.ACTION_ITEMS;
import static io.changegate.rollback.RollbackProcess.CONTRIBUTING_FACTORS;
import static io.changegate.rollback.RollbackProcess.IMPACT;
import static io.changegate.rollback.RollbackProcess.RESOLUTION;
import static io.changegate.rollback.RollbackProcess.WENT_WELL;
import static io.changegate.rollback.RollbackProcess.WHAT_HAPPENED;

import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.ProcessVariable;
import io.changegate.rollback.PostmortemService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listeners of the rollback's user tasks: what people wrote goes into the change's audit trail,
 * under their name. In the diagram: {@code ${rollbackTasks.postmortem(task)}},
 * {@code ${rollbackTasks.checkpointRestored(task)}}, {@code ${rollbackTasks.failureHandled(task)}}.
 */
@CallableFromModels
@Component("rollbackTasks")
public class RollbackTasks {

  private final PostmortemService postmortems;

  public RollbackTasks(PostmortemService postmortems) {
    this.postmortems = postmortems;
  }

  public void postmortem(DelegateTask task) {
    String whatHappened = required(task, WHAT_HAPPENED);
    String factors = required(task, CONTRIBUTING_FACTORS);
    // the tracked actions come from the form's list (reviewActions, before this listener); the text is optional
    String actions = ACTION_ITEMS.from(task) == null ? "" : ACTION_ITEMS.from(task);
    Map<String, Object> postmortem = new LinkedHashMap<>();
    postmortem.put(WHAT_HAPPENED.name(), whatHappened);
    postmortem.put(IMPACT.name(), String.valueOf(IMPACT.from(task)));
    postmortem.put(CONTRIBUTING_FACTORS.name(), factors);
    postmortem.put(WENT_WELL.name(), String.valueOf(WENT_WELL.from(task)));
    postmortem.put(ACTION_ITEMS.name(), actions);
    postmortems.recordPostmortem(CHANGE_ID.required(task), Actor.of(task), postmortem);
  }

  public void checkpointRestored(DelegateTask task) {
    postmortems.recordCheckpointRestored(CHANGE_ID.required(task),
        String.valueOf(TARGET_NAME.from(task)), Actor.of(task), COMMENT.from(task));
  }

  public void failureHandled(DelegateTask task) {
    postmortems.recordManualRestoration(CHANGE_ID.required(task), Actor.of(task), required(task, RESOLUTION));
  }

  private static String required(DelegateTask task, ProcessVariable<String> variable) {
    String value = variable.from(task);
    if (value == null || value.isBlank()) {
      throw new BadUserRequestException("'" + task.getName() + "' needs '" + variable.name() + "'");
    }
    return value;
  }

}
