package io.changegate.oversight;

import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_JOB;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_JOB_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ACTIVATE_PROCESS_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ADD_ATTACHMENT;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ASSIGN;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CLEAR_ANNOTATION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CREATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_DELEGATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_DELETE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_DELETE_ATTACHMENT;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_EXECUTE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_MIGRATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_RECALC_DUEDATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_RESOLVE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_ANNOTATION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_DESCRIPTION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_FOLLOW_UP_DATE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_NAME;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_OWNER;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_PRIORITY;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND_JOB;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND_JOB_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_SUSPEND_PROCESS_DEFINITION;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_UPDATE;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.EntityTypes;

/**
 * Which entries of the engine's user operation log are interventions on a change, under the name the timeline
 * shows, and which of them override its governance (skip an approval or alter the flow outside the model).
 * Claiming and completing a task are the work its model intends (the approval package records each decision), not
 * interventions; rewiring a task by hand (assignee, owner, delegation, identity links) is one. Reading is not
 * recorded.
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
  static final String THROW_BPMN_ERROR = "ThrowBpmnErrorFromTask";
  static final String THROW_ESCALATION = "ThrowEscalationFromTask";
  static final String EVALUATE_START_CONDITIONS = "EvaluateStartConditions";
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
          entry(OPERATION_TYPE_ACTIVATE_PROCESS_DEFINITION, "ActivateProcessDefinition", false)),
      // a task rewired by hand; claiming and completing are the approval package's (DECISION on the timeline)
      EntityTypes.TASK, Map.ofEntries(
          entry(OPERATION_TYPE_ASSIGN, "AssignTask", false),
          entry(OPERATION_TYPE_SET_OWNER, "SetTaskOwner", false),
          entry(OPERATION_TYPE_DELEGATE, "DelegateTask", false),
          entry(OPERATION_TYPE_RESOLVE, "ResolveTask", false),
          entry(OPERATION_TYPE_UPDATE, "UpdateTask", false),
          entry(OPERATION_TYPE_DELETE, "DeleteTask", false),
          entry(OPERATION_TYPE_SET_NAME, "SetTaskName", false),
          entry(OPERATION_TYPE_SET_DESCRIPTION, "SetTaskDescription", false),
          entry(OPERATION_TYPE_SET_DUEDATE, "SetTaskDueDate", false),
          entry(OPERATION_TYPE_SET_FOLLOW_UP_DATE, "SetTaskFollowUpDate", false),
          entry(OPERATION_TYPE_SET_PRIORITY, "SetTaskPriority", false)),
      EntityTypes.IDENTITY_LINK, Map.ofEntries(
          entry(OPERATION_TYPE_ADD_USER_LINK, "AddTaskUserLink", false),
          entry(OPERATION_TYPE_DELETE_USER_LINK, "DeleteTaskUserLink", false),
          entry(OPERATION_TYPE_ADD_GROUP_LINK, "AddTaskGroupLink", false),
          entry(OPERATION_TYPE_DELETE_GROUP_LINK, "DeleteTaskGroupLink", false)),
      EntityTypes.ATTACHMENT, Map.ofEntries(
          entry(OPERATION_TYPE_ADD_ATTACHMENT, "AddAttachment", false),
          entry(OPERATION_TYPE_DELETE_ATTACHMENT, "DeleteAttachment", false)));

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
