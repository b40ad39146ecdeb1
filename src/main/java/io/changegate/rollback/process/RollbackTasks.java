package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.Actor;
import io.changegate.engine.ProcessVariable;
import io.changegate.rollback.RollbackService;
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

  public static final ProcessVariable<String> WHAT_HAPPENED = ProcessVariable.of("whatHappened", String.class);
  public static final ProcessVariable<String> IMPACT = ProcessVariable.of("customerImpact", String.class);
  public static final ProcessVariable<String> CONTRIBUTING_FACTORS =
      ProcessVariable.of("contributingFactors", String.class);
  public static final ProcessVariable<String> WENT_WELL = ProcessVariable.of("wentWell", String.class);
  public static final ProcessVariable<String> ACTION_ITEMS = ProcessVariable.of("actionItems", String.class);
  public static final ProcessVariable<String> RESOLUTION = ProcessVariable.of("resolution", String.class);

  private final RollbackService rollbacks;

  public RollbackTasks(RollbackService rollbacks) {
    this.rollbacks = rollbacks;
  }

  public void postmortem(DelegateTask task) {
    String whatHappened = required(task, WHAT_HAPPENED);
    String factors = required(task, CONTRIBUTING_FACTORS);
    String actions = required(task, ACTION_ITEMS);
    Map<String, Object> postmortem = new LinkedHashMap<>();
    postmortem.put("whatHappened", whatHappened);
    postmortem.put("customerImpact", String.valueOf(IMPACT.from(task)));
    postmortem.put("contributingFactors", factors);
    postmortem.put("wentWell", String.valueOf(WENT_WELL.from(task)));
    postmortem.put("actionItems", actions);
    rollbacks.recordPostmortem(CHANGE_ID.required(task), Actor.of(task), postmortem);
  }

  public void checkpointRestored(DelegateTask task) {
    rollbacks.recordCheckpointRestored(CHANGE_ID.required(task),
        String.valueOf(TARGET_NAME.from(task)), Actor.of(task), COMMENT.from(task));
  }

  public void failureHandled(DelegateTask task) {
    rollbacks.recordManualRestoration(CHANGE_ID.required(task), Actor.of(task), required(task, RESOLUTION));
  }

  private static String required(DelegateTask task, ProcessVariable<String> variable) {
    String value = variable.from(task);
    if (value == null || value.isBlank()) {
      throw new BadUserRequestException("'" + task.getName() + "' needs '" + variable.name() + "'");
    }
    return value;
  }

}
