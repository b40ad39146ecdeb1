package io.changegate.deployment;

import io.changegate.engine.ProcessVariable;

/**
 * Names of processes/deployment.bpmn and processes/rollback.bpmn that code relies on: messages and
 * variables, declared once here.
 */
public final class DeploymentProcess {

  public static final String ROLLBACK = "rollback";
  public static final String ROLLBACK_REQUEST = "rollback-request";

  /** CONTRACT.md: asks for a change's rollback (business key = change id). */
  public static final String MESSAGE_ROLLBACK_REQUESTED = "RollbackRequested";
  /**
   * CONTRACT.md: Alertmanager reported a firing alert for the change's service and environment while it is
   * VALIDATING (business key = change id): the change is rolled back.
   */
  public static final String MESSAGE_ALERT_FIRING = "AlertFiring";
  /** Wakes up the changes waiting for a deployment slot in an environment. */
  public static final String MESSAGE_SLOT_FREED = "EnvironmentSlotFreed";

  /** Error thrown when a target's migration, deploy or rollout fails: caught on "Deploy each target". */
  public static final String ERROR_TARGET_FAILED = "TargetFailed";
  /** Error thrown when a target's rollback is refused or its rollout fails: caught on "Roll back each target". */
  public static final String ERROR_ROLLBACK_FAILED = "RollbackFailed";

  // plan
  public static final ProcessVariable<Boolean> PROMOTION_ALLOWED =
      ProcessVariable.of("promotionAllowed", Boolean.class);
  public static final ProcessVariable<String> PROMOTION_REFUSAL = ProcessVariable.of("promotionRefusal", String.class);
  public static final ProcessVariable<Integer> TARGET_COUNT = ProcessVariable.of("targetCount", Integer.class);
  public static final ProcessVariable<Boolean> TARGETS_INDEPENDENT =
      ProcessVariable.of("targetsIndependent", Boolean.class);
  public static final ProcessVariable<String> DEPLOY_ENVIRONMENT =
      ProcessVariable.of("deploymentEnvironment", String.class);
  public static final ProcessVariable<String> ROLLOUT_POLL_INTERVAL =
      ProcessVariable.of("rolloutPollInterval", String.class);

  // environment slot
  public static final ProcessVariable<Boolean> SLOT_RESERVED = ProcessVariable.of("slotReserved", Boolean.class);
  public static final ProcessVariable<String> SLOT_POLL_INTERVAL = ProcessVariable.of("slotPollInterval", String.class);

  // one target (a multi-instance: loopCounter is the target's index in the change)
  public static final ProcessVariable<Integer> TARGET_INDEX = ProcessVariable.of("loopCounter", Integer.class);
  public static final ProcessVariable<String> TARGET_NAME = ProcessVariable.of("targetName", String.class);
  public static final ProcessVariable<String> TARGET_ADAPTER = ProcessVariable.of("targetAdapter", String.class);
  public static final ProcessVariable<Boolean> MIGRATION_DECLARED =
      ProcessVariable.of("migrationDeclared", Boolean.class);
  public static final ProcessVariable<String> MIGRATION_STATE = ProcessVariable.of("migrationState", String.class);
  public static final ProcessVariable<String> ROLLOUT_STATE = ProcessVariable.of("rolloutState", String.class);

  // stabilization
  public static final ProcessVariable<Boolean> STABILIZED = ProcessVariable.of("stabilized", Boolean.class);
  public static final ProcessVariable<String> STABILIZATION_ENDS_AT =
      ProcessVariable.of("stabilizationEndsAt", String.class);
  public static final ProcessVariable<String> NEXT_VALIDATION_IN =
      ProcessVariable.of("nextValidationIn", String.class);

  // rollback
  public static final ProcessVariable<Integer> ROLLBACK_TARGET_COUNT =
      ProcessVariable.of("rollbackTargetCount", Integer.class);
  public static final ProcessVariable<String> MIGRATION_UNDO = ProcessVariable.of("migrationUndo", String.class);
  public static final ProcessVariable<String> CHECKPOINT_NOTE = ProcessVariable.of("checkpointNote", String.class);
  public static final ProcessVariable<Boolean> MIGRATION_ROLLED_BACK =
      ProcessVariable.of("migrationRolledBack", Boolean.class);
  public static final ProcessVariable<Boolean> RECOVERY_VERIFIED =
      ProcessVariable.of("recoveryVerified", Boolean.class);
  public static final ProcessVariable<Boolean> DRY_RUN = ProcessVariable.of("dryRun", Boolean.class);
  public static final ProcessVariable<String> INCIDENT_REFERENCE =
      ProcessVariable.of("incidentReference", String.class);
  public static final ProcessVariable<String> POSTMORTEM_TIMELINE =
      ProcessVariable.of("postmortemTimeline", String.class);
  public static final ProcessVariable<String> ROLLBACK_SUMMARY = ProcessVariable.of("rollbackSummary", String.class);
  public static final ProcessVariable<String> REQUESTED_BY = ProcessVariable.of("requestedBy", String.class);
  public static final ProcessVariable<String> REQUEST_REASON = ProcessVariable.of("rollbackReason", String.class);
  /** Which change a rollback request (Tasklist start form) asks to roll back: an input, checked by the service. */
  public static final ProcessVariable<String> REQUESTED_CHANGE = ProcessVariable.of("rollbackChangeId", String.class);

  // values of MIGRATION_UNDO
  public static final String UNDO_NONE = "NONE";
  public static final String UNDO_ADAPTER = "ADAPTER";
  public static final String UNDO_CHECKPOINT = "CHECKPOINT";

  private DeploymentProcess() {}
}
