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
  /**
   * How long a rollout's wait lasts ("Wait" after a migration, a deploy or a rollout check): a routing value, set by
   * every step such a wait may follow, for the timer right after it.
   */
  public static final ProcessVariable<String> ROLLOUT_POLL_INTERVAL =
      ProcessVariable.transientOf("rolloutPollInterval", String.class);

  // environment slot
  public static final ProcessVariable<Boolean> SLOT_RESERVED = ProcessVariable.transientOf("slotReserved", Boolean.class);
  /** How long "Look again later" waits: a routing value, set by "Reserve environment slot" when no slot is free. */
  public static final ProcessVariable<String> SLOT_POLL_INTERVAL =
      ProcessVariable.transientOf("slotPollInterval", String.class);

  // one target (a multi-instance: loopCounter is the target's index in the change)
  public static final ProcessVariable<Integer> TARGET_INDEX = ProcessVariable.of("loopCounter", Integer.class);
  /** The target this instance deploys, shown in Cockpit. */
  public static final ProcessVariable<String> TARGET_NAME = ProcessVariable.of("targetName", String.class);
  /** Routing value of the target's first gateway, set by the instance's start listener. */
  public static final ProcessVariable<Boolean> MIGRATION_DECLARED =
      ProcessVariable.transientOf("migrationDeclared", Boolean.class);
  /** Routing values of the step before each "done?" gateway (RolloutState names). */
  public static final ProcessVariable<String> MIGRATION_STATE = ProcessVariable.transientOf("migrationState", String.class);
  public static final ProcessVariable<String> ROLLOUT_STATE = ProcessVariable.transientOf("rolloutState", String.class);
  /**
   * True when the answers of the deploys already confirm every rollout: "Confirm every target healthy" is skipped. A
   * routing value: every deploy and rollout check sets it, and the last target's ends "Deploy each target" in the
   * same transaction.
   */
  public static final ProcessVariable<Boolean> ROLLOUTS_CONFIRMED =
      ProcessVariable.transientOf("rolloutsConfirmed", Boolean.class);

  // release safety: checks before the traffic switch, the promotion, the feature-flag rollout
  /**
   * True when the change declares pre-traffic checks (or its service has a preview URL): checked before promotion. A
   * routing value, set by the gateway's start listener.
   */
  public static final ProcessVariable<Boolean> PRE_TRAFFIC_DECLARED =
      ProcessVariable.transientOf("preTrafficDeclared", Boolean.class);
  public static final ProcessVariable<Boolean> PRE_TRAFFIC_PASSED =
      ProcessVariable.transientOf("preTrafficPassed", Boolean.class);
  public static final ProcessVariable<Boolean> PROMOTED = ProcessVariable.transientOf("promoted", Boolean.class);
  /**
   * True when the change declares a feature-flag rollout (run by the featureflag capability after validation). A
   * routing value, set by the gateway's start listener.
   */
  public static final ProcessVariable<Boolean> FLAG_ROLLOUT_DECLARED =
      ProcessVariable.transientOf("flagRolloutDeclared", Boolean.class);
  /** True once every stage of the flag rollout passed: later validation rounds go on to the stabilization. */
  public static final ProcessVariable<Boolean> FLAG_ROLLOUT_DONE = ProcessVariable.of("flagRolloutDone", Boolean.class);

  // stabilization
  public static final ProcessVariable<Boolean> STABILIZED = ProcessVariable.transientOf("stabilized", Boolean.class);
  /** When the stabilization period ends: kept while the change waits for its next validation round. */
  public static final ProcessVariable<String> STABILIZATION_ENDS_AT =
      ProcessVariable.of("stabilizationEndsAt", String.class);
  /** How long "Next validation round" waits: a routing value for the timer right after the check. */
  public static final ProcessVariable<String> NEXT_VALIDATION_IN =
      ProcessVariable.transientOf("nextValidationIn", String.class);

  private DeploymentProcess() {}
}
