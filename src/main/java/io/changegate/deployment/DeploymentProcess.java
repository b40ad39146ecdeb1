package io.changegate.deployment;

import io.changegate.engine.ProcessVariable;

/**
 * Names of {@code processes/deployment.bpmn} that code relies on: messages, errors and variables, declared once
 * here. The messages that interrupt a deployment for a rollback are declared by their senders: {@code AlertFiring}
 * in monitoring's {@code MonitoringProcess}, {@code RollbackRequested} in rollback's {@code RollbackProcess}.
 */
public final class DeploymentProcess {

  /** Wakes up the changes waiting for a deployment slot in an environment. */
  public static final String MESSAGE_SLOT_FREED = "EnvironmentSlotFreed";

  /** The timer of a change waiting for a slot ("Look again later"). */
  public static final String ACTIVITY_SLOT_POLL = "Event_SlotPollDue";

  /** Error thrown when a target's migration, deploy or rollout fails: caught on "Deploy each target". */
  public static final String ERROR_TARGET_FAILED = "TargetFailed";

  // plan
  public static final ProcessVariable<Boolean> PROMOTION_ALLOWED =
      ProcessVariable.transientOf("promotionAllowed", Boolean.class);
  public static final ProcessVariable<String> PROMOTION_REFUSAL = ProcessVariable.transientOf("promotionRefusal", String.class);
  public static final ProcessVariable<Integer> TARGET_COUNT = ProcessVariable.of("targetCount", Integer.class);
  public static final ProcessVariable<Boolean> TARGETS_INDEPENDENT =
      ProcessVariable.of("targetsIndependent", Boolean.class);
  public static final ProcessVariable<String> DEPLOY_ENVIRONMENT =
      ProcessVariable.of("deploymentEnvironment", String.class);
  public static final ProcessVariable<String> ROLLOUT_POLL_INTERVAL =
      ProcessVariable.of("rolloutPollInterval", String.class);

  // environment slot
  public static final ProcessVariable<Boolean> SLOT_RESERVED = ProcessVariable.transientOf("slotReserved", Boolean.class);
  public static final ProcessVariable<String> SLOT_POLL_INTERVAL = ProcessVariable.of("slotPollInterval", String.class);

  // one target (a multi-instance: loopCounter is the target's index in the change)
  public static final ProcessVariable<Integer> TARGET_INDEX = ProcessVariable.of("loopCounter", Integer.class);
  public static final ProcessVariable<String> TARGET_NAME = ProcessVariable.of("targetName", String.class);
  public static final ProcessVariable<String> TARGET_ADAPTER = ProcessVariable.of("targetAdapter", String.class);
  public static final ProcessVariable<Boolean> MIGRATION_DECLARED =
      ProcessVariable.of("migrationDeclared", Boolean.class);
  public static final ProcessVariable<String> MIGRATION_STATE = ProcessVariable.of("migrationState", String.class);
  public static final ProcessVariable<String> ROLLOUT_STATE = ProcessVariable.of("rolloutState", String.class);
  /** True when the answers of the deploys already confirm every rollout: "Confirm every target healthy" is skipped. */
  public static final ProcessVariable<Boolean> ROLLOUTS_CONFIRMED =
      ProcessVariable.of("rolloutsConfirmed", Boolean.class);

  // release safety: checks before the traffic switch, the promotion, the feature-flag rollout
  /** True when the change declares pre-traffic checks (or its service has a preview URL): checked before promotion. */
  public static final ProcessVariable<Boolean> PRE_TRAFFIC_DECLARED =
      ProcessVariable.of("preTrafficDeclared", Boolean.class);
  public static final ProcessVariable<Boolean> PRE_TRAFFIC_PASSED =
      ProcessVariable.of("preTrafficPassed", Boolean.class);
  public static final ProcessVariable<Boolean> PROMOTED = ProcessVariable.of("promoted", Boolean.class);
  /** True when the change declares a feature-flag rollout (run by the featureflag capability after validation). */
  public static final ProcessVariable<Boolean> FLAG_ROLLOUT_DECLARED =
      ProcessVariable.of("flagRolloutDeclared", Boolean.class);
  /** True once every stage of the flag rollout passed: later validation rounds go on to the stabilization. */
  public static final ProcessVariable<Boolean> FLAG_ROLLOUT_DONE = ProcessVariable.of("flagRolloutDone", Boolean.class);

  // stabilization
  public static final ProcessVariable<Boolean> STABILIZED = ProcessVariable.transientOf("stabilized", Boolean.class);
  public static final ProcessVariable<String> STABILIZATION_ENDS_AT =
      ProcessVariable.of("stabilizationEndsAt", String.class);
  public static final ProcessVariable<String> NEXT_VALIDATION_IN =
      ProcessVariable.of("nextValidationIn", String.class);

  private DeploymentProcess() {}
}
