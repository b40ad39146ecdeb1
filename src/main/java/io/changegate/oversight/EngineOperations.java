package io.changegate.oversight;

import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_JOB;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_JOB_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_PROCESS_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CLEAR_ANNOTATION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CREATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_DELETE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_EXECUTE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_MIGRATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_RECALC_DUEDATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_ANNOTATION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_PRIORITY;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND_JOB;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND_JOB_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND_PROCESS_DEFINITION;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.EntityTypes;

/**
 * Which entries of the engine's user operation log are interventions on a change, under the name the timeline
 * shows, and which of them override its governance (skip an approval or alter the flow outside the model).
 * Operations that touch a task as its model intends (claim, complete, assign ...) are the approval package's,
 * not interventions; reading is not recorded.
 *
 * <p>Operations that leave no entry in the engine's log are named here too ({@link #CORRELATE_MESSAGE},
 * {@link #THROW_SIGNAL}, ...): the observer recognises them by their command.
 */
final class EngineOperations {

  /** What the timeline calls one engine operation, and whether it overrides the change's governance. */
  record Kind(String name, boolean overridesGovernance) {}

  static final String MODIFY_PROCESS_INSTANCE = "ModifyProcessInstance";
  static final String CORRELATE_MESSAGE = "CorrelateMessage";
  static final String THROW_SIGNAL = "ThrowSignal";
  static final String TRIGGER_MESSAGE_SUBSCRIPTION = "TriggerMessageSubscription";
  static final String TRIGGER_EXECUTION = "TriggerExecution";
  /** A process instance started by hand: an intervention only when it started with a change's id as business key. */
  static final String START_PROCESS_INSTANCE = "StartProcessInstance";

  private static final Map<String, Map<String, Kind>> BY_ENTITY = Map.of(
      EntityTypes.PROCESS_INSTANCE, Map.ofEntries(
          entry(OPERATION_TYPE_MODIFY_PROCESS_INSTANCE, MODIFY_PROCESS_INSTANCE, true),
          entry(OPERATION_TYPE_DELETE, "DeleteProcessInstance", true),
          entry(OPERATION_TYPE_MIGRATE, "MigrateProcessInstance", true),
          entry(OPERATION_TYPE_RESTART_PROCESS_INSTANCE, "RestartProcessInstance", true),
          entry(OPERATION_TYPE_SET_VARIABLES, "SetVariables", true),
          entry(OPERATION_TYPE_CREATE, START_PROCESS_INSTANCE, true),
          entry(OPERATION_TYPE_SUSPEND, "SuspendProcessInstance", false),
          entry(OPERATION_TYPE_ACTIVATE, "ActivateProcessInstance", false),
          entry(OPERATION_TYPE_SUSPEND_JOB, "SuspendJob", false),
          entry(OPERATION_TYPE_ACTIVATE_JOB, "ActivateJob", false),
          entry(OPERATION_TYPE_CORRELATE_MESSAGE, CORRELATE_MESSAGE, false)),
      EntityTypes.VARIABLE, Map.ofEntries(
          entry(OPERATION_TYPE_SET_VARIABLE, "SetVariable", true),
          entry(OPERATION_TYPE_MODIFY_VARIABLE, "ModifyVariables", true),
          entry(OPERATION_TYPE_REMOVE_VARIABLE, "RemoveVariable", true)),
      EntityTypes.JOB, Map.ofEntries(
          entry(OPERATION_TYPE_SET_JOB_RETRIES, "SetJobRetries", false),
          entry(OPERATION_TYPE_SET_DUEDATE, "SetJobDueDate", false),
          entry(OPERATION_TYPE_RECALC_DUEDATE, "RecalculateJobDueDate", false),
          entry(OPERATION_TYPE_EXECUTE, "ExecuteJob", false),
          entry(OPERATION_TYPE_SET_PRIORITY, "SetJobPriority", false),
          entry(OPERATION_TYPE_DELETE, "DeleteJob", false),
          entry(OPERATION_TYPE_SUSPEND_JOB, "SuspendJob", false),
          entry(OPERATION_TYPE_ACTIVATE_JOB, "ActivateJob", false)),
      EntityTypes.JOB_DEFINITION, Map.ofEntries(
          entry(OPERATION_TYPE_SUSPEND_JOB_DEFINITION, "SuspendJobDefinition", false),
          entry(OPERATION_TYPE_ACTIVATE_JOB_DEFINITION, "ActivateJobDefinition", false),
          entry(OPERATION_TYPE_SET_PRIORITY, "SetJobDefinitionPriority", false)),
      EntityTypes.PROCESS_DEFINITION, Map.ofEntries(
          entry(OPERATION_TYPE_SUSPEND_PROCESS_DEFINITION, "SuspendProcessDefinition", false),
          entry(OPERATION_TYPE_ACTIVATE_PROCESS_DEFINITION, "ActivateProcessDefinition", false)));

  private EngineOperations() {}

  /** The intervention an entry of the engine's user operation log stands for, if it is one. */
  static Optional<Kind> of(String entityType, String operationType) {
    return Optional.ofNullable(BY_ENTITY.getOrDefault(entityType, Map.of()).get(operationType));
  }

  /** Setting or clearing the annotation of an earlier operation ({@code set-annotation}, {@code clear-annotation}). */
  static boolean isAnnotation(String entityType, String operationType) {
    return EntityTypes.OPERATION_LOG.equals(entityType) && (OPERATION_TYPE_SET_ANNOTATION.equals(operationType)
        || OPERATION_TYPE_CLEAR_ANNOTATION.equals(operationType));
  }

  static boolean clearsAnnotation(String operationType) {
    return OPERATION_TYPE_CLEAR_ANNOTATION.equals(operationType);
  }

  private static Map.Entry<String, Kind> entry(String operationType, String name, boolean overrides) {
    return Map.entry(operationType, new Kind(name, overrides));
  }
}
