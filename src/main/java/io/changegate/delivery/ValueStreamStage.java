package io.changegate.delivery;

import java.util.Map;

/**
 * The stages of a change's value stream and the model elements that make them up. A user task waits from its creation
 * to its claim and is worked from the claim to its completion (a task completed without a claim waited all along);
 * timers and message catches wait; service and rule tasks work.
 */
public final class ValueStreamStage {

  public static final String CLASSIFICATION = "classification";
  public static final String FMEA = "FMEA";
  public static final String PEER_REVIEW = "peer review";
  public static final String SIGN_OFF = "sign-off";
  public static final String ECAB = "ECAB approval";
  public static final String CALENDAR_WAIT = "calendar wait";
  public static final String SLOT_WAIT = "slot wait";
  public static final String ROLLOUT = "rollout";
  public static final String VALIDATION = "validation";
  public static final String STABILIZATION = "stabilization";
  public static final String POST_IMPLEMENTATION_REVIEW = "post-implementation review";

  /** Element id → stage, for the product's models (docs/delivery-metrics.md). */
  static final Map<String, String> BY_ELEMENT = Map.ofEntries(
      Map.entry("Task_ClassifyChange", CLASSIFICATION),
      Map.entry("Task_FillFmeaWorksheet", FMEA),
      Map.entry("Task_AssessFmea", FMEA),
      Map.entry("Task_ReviewRunbook", PEER_REVIEW),
      Map.entry("Task_AmendForRunbookReview", PEER_REVIEW),
      Map.entry("Task_SignOff", SIGN_OFF),
      Map.entry("Task_AmendForSignOff", SIGN_OFF),
      Map.entry("Task_EcabApproval", ECAB),
      Map.entry("Task_PickNewSlot", CALENDAR_WAIT),
      Map.entry("Event_StandardFreezeOver", CALENDAR_WAIT),
      Map.entry("Event_StandardPlannedStartReached", CALENDAR_WAIT),
      Map.entry("Event_NormalPlannedStartReached", CALENDAR_WAIT),
      Map.entry("Task_ReserveEnvironmentSlot", SLOT_WAIT),
      Map.entry("Event_SlotFreed", SLOT_WAIT),
      Map.entry("Event_SlotPollDue", SLOT_WAIT),
      Map.entry("Task_DeployTarget", ROLLOUT),
      Map.entry("Task_CheckTargetRollout", ROLLOUT),
      Map.entry("Event_RolloutPollDue", ROLLOUT),
      Map.entry("Event_RolloutsPollDue", ROLLOUT),
      Map.entry("Task_ConfirmRollouts", ROLLOUT),
      Map.entry("Task_RunMigration", ROLLOUT),
      Map.entry("Task_CheckMigration", ROLLOUT),
      Map.entry("Event_MigrationPollDue", ROLLOUT),
      Map.entry("Task_ValidateDeployment", VALIDATION),
      Map.entry("Task_CheckStabilization", STABILIZATION),
      Map.entry("Event_NextValidationRoundDue", STABILIZATION),
      Map.entry("Task_PostImplementationReview", POST_IMPLEMENTATION_REVIEW));

  private ValueStreamStage() {}

  /** The stage of a step, a sign-off per group ({@code sign-off: security}); null for steps outside the stream. */
  static String of(Step step) {
    String stage = BY_ELEMENT.get(step.activityId());
    if (SIGN_OFF.equals(stage) && step.group() != null && step.activityId().equals("Task_SignOff")) {
      return SIGN_OFF + ": " + step.group();
    }
    return stage;
  }

  /** Whether a step's time is waiting (catch events) or work (service and rule tasks); user tasks are split. */
  static boolean waits(Step step) {
    String type = step.activityType();
    return type != null && (type.startsWith("intermediate") || type.equals("receiveTask"));
  }
}
