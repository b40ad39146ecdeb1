package io.changegate.governance;

import io.changegate.engine.ProcessVariable;

/** Names of the model-change process (docs/names.md) and its variables, declared once. */
public final class ModelChangeProcess {

  public static final String MODEL_CHANGE = "model-change";
  public static final String FORM = "model-change-review";

  public static final String TASK_CHECK = "Task_CheckModelChange";
  public static final String TASK_PROCESS_OWNER_REVIEW = "Task_ReviewAsProcessOwner";
  public static final String TASK_SECURITY_REVIEW = "Task_ApproveAsSecurity";
  public static final String TASK_ACTIVATE = "Task_ActivateModels";

  /** The model change: also the business key of its process instance. */
  public static final ProcessVariable<String> MODEL_CHANGE_ID = ProcessVariable.of("modelChangeId", String.class);
  /** Outcome of the automatic checks: PASSED, FAILED or UNCHANGED. */
  public static final ProcessVariable<String> MODEL_CHECK = ProcessVariable.of("modelCheck", String.class);
  /** Outcome of the activation: ACTIVATED or OUTDATED. */
  public static final ProcessVariable<String> ACTIVATION = ProcessVariable.of("activation", String.class);

  // What a reviewer sees; the lists are Spin JSON values the form's tables read (task-local, loaded from Changegate's tables when the task is created)
  public static final ProcessVariable<String> DEPLOYED_BY = ProcessVariable.of("deployedBy", String.class);
  public static final ProcessVariable<String> DEPLOYMENT_NAME = ProcessVariable.of("deploymentName", String.class);
  public static final ProcessVariable<String> SUMMARY = ProcessVariable.of("modelChangeSummary", String.class);
  public static final ProcessVariable<String> DECISIONS_SO_FAR =
      ProcessVariable.of("modelChangeDecisions", String.class);
  public static final ProcessVariable<Object> ELEMENT_CHANGES = ProcessVariable.of("modelChanges", Object.class);
  public static final ProcessVariable<Object> FINDINGS = ProcessVariable.of("checkFindings", Object.class);
  public static final ProcessVariable<Object> FILES = ProcessVariable.of("proposedFiles", Object.class);

  public static final String CHECK_PASSED = "PASSED";
  public static final String CHECK_FAILED = "FAILED";
  public static final String CHECK_UNCHANGED = "UNCHANGED";
  public static final String ACTIVATED = "ACTIVATED";
  public static final String OUTDATED = "OUTDATED";

  /** The deployment source of an activation; the deployment's name is the model change id. */
  public static final String ACTIVATION_SOURCE = "changegate-model-change";

  private ModelChangeProcess() {}
}
