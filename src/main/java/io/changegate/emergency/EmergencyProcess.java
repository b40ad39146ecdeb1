package io.changegate.emergency;

import io.changegate.change.ChangeProcess;
import io.changegate.engine.ProcessVariable;

/** Variables of {@code emergency-change} beyond those of every change (ChangeProcess). */
public final class EmergencyProcess {

  // The Tasklist start form (forms/emergency-change-start.form)
  public static final ProcessVariable<String> TITLE = ChangeProcess.TITLE;
  public static final ProcessVariable<String> SERVICE = ChangeProcess.SERVICE;
  public static final ProcessVariable<String> ENVIRONMENT = ChangeProcess.ENVIRONMENT;
  public static final ProcessVariable<String> ARTIFACT_NAME = ProcessVariable.of("artifactName", String.class);
  public static final ProcessVariable<String> ARTIFACT_VERSION = ProcessVariable.of("artifactVersion", String.class);
  public static final ProcessVariable<String> ARTIFACT_DIGEST = ChangeProcess.ARTIFACT_DIGEST;
  public static final ProcessVariable<String> IMPACT = ChangeProcess.IMPACT;
  public static final ProcessVariable<String> JUSTIFICATION = ChangeProcess.JUSTIFICATION;
  public static final ProcessVariable<String> INCIDENT_REFERENCE = ChangeProcess.INCIDENT_REFERENCE;
  public static final ProcessVariable<String> TARGETS = ProcessVariable.of("targetNames", String.class);
  public static final ProcessVariable<Number> ERROR_RATE_MAX = ProcessVariable.of("errorRateMax", Number.class);
  public static final ProcessVariable<Number> LATENCY_P95_MAX_MS = ProcessVariable.of("latencyP95MaxMs", Number.class);
  public static final ProcessVariable<Number> STABILIZATION_MINUTES =
      ProcessVariable.of("stabilizationMinutes", Number.class);

  // The post-implementation review (forms/post-implementation-review.form)
  public static final ProcessVariable<String> PIR_VERDICT = ProcessVariable.of("pirVerdict", String.class);
  /** Task-local on the ECAB approval: the promotion check the change will meet when it deploys. */
  public static final ProcessVariable<String> PROMOTION_CHECK = ProcessVariable.of("promotionCheck", String.class);
  /**
   * Inputs of the ECAB approval: the ECAB overrides the promotion order of an emergency, with a reason. Read only when
   * the task completes, to record {@code PROMOTION_OVERRIDDEN} on the audit chain; the deployment reads that entry,
   * never these variables.
   */
  public static final ProcessVariable<Boolean> PROMOTION_OVERRIDE = ProcessVariable.of("promotionOverride",
      Boolean.class);
  public static final ProcessVariable<String> PROMOTION_OVERRIDE_REASON =
      ProcessVariable.of("promotionOverrideReason", String.class);
  public static final String TIMELINE = "timeline";

  private EmergencyProcess() {}
}
