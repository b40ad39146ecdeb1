package io.changegate.featureflag;

import io.changegate.engine.ProcessVariable;

/**
 * Names of the flag rollout in {@code processes/deployment.bpmn} ("Enable the feature flag in stages") that code
 * relies on, declared once here. Whether a change has a rollout, and whether it is done, are the deployment's
 * ({@code DeploymentProcess.FLAG_ROLLOUT_DECLARED}, {@code FLAG_ROLLOUT_DONE}).
 */
public final class FeatureFlagProcess {

  /** Thrown when a stage cannot be set or fails its validation: caught on the sub-process, the flag goes off. */
  public static final String ERROR_FLAG_STAGE_FAILED = "FlagStageFailed";

  /** The stage to set next (0-based); absent before the first. */
  public static final ProcessVariable<Integer> FLAG_STAGE = ProcessVariable.of("flagStage", Integer.class);
  /** The percentage the flag was last set to (absent: never set, nothing to switch off). */
  public static final ProcessVariable<Integer> FLAG_PERCENT = ProcessVariable.of("flagPercent", Integer.class);
  /** The verdict of the stage's last validation round. */
  public static final ProcessVariable<Boolean> FLAG_STAGE_PASSED = ProcessVariable.of("flagStagePassed", Boolean.class);
  /** True when the stage's validation minutes are over (then it is held, then the next stage). */
  public static final ProcessVariable<Boolean> FLAG_STAGE_VALIDATED =
      ProcessVariable.of("flagStageValidated", Boolean.class);
  /** When the stage's validation window ends (ISO-8601 instant). */
  public static final ProcessVariable<String> FLAG_STAGE_ENDS_AT = ProcessVariable.of("flagStageEndsAt", String.class);
  /** The timer's duration: until the next round of the stage, or its hold (ISO-8601 duration). */
  public static final ProcessVariable<String> FLAG_WAIT = ProcessVariable.of("flagWait", String.class);
  /** True when a stage follows the one just validated. */
  public static final ProcessVariable<Boolean> FLAG_MORE_STAGES = ProcessVariable.of("flagMoreStages", Boolean.class);

  private FeatureFlagProcess() {}
}
