package io.changegate.emergency;

import io.changegate.engine.ProcessVariable;

/** Variables of {@code emergency-change} beyond those of every change (ChangeProcess). */
public final class EmergencyProcess {

  // The Tasklist start form (forms/emergency-change-start.form)
  public static final ProcessVariable<String> TITLE = ProcessVariable.of("title", String.class);
  public static final ProcessVariable<String> SERVICE = ProcessVariable.of("service", String.class);
  public static final ProcessVariable<String> ENVIRONMENT = ProcessVariable.of("environment", String.class);
  public static final ProcessVariable<String> ARTIFACT_NAME = ProcessVariable.of("artifactName", String.class);
  public static final ProcessVariable<String> ARTIFACT_VERSION = ProcessVariable.of("artifactVersion", String.class);
  public static final ProcessVariable<String> ARTIFACT_DIGEST = ProcessVariable.of("artifactDigest", String.class);
  public static final ProcessVariable<String> IMPACT = ProcessVariable.of("impact", String.class);
  public static final ProcessVariable<String> JUSTIFICATION = ProcessVariable.of("emergencyJustification", String.class);
  public static final ProcessVariable<String> INCIDENT_REFERENCE =
      ProcessVariable.of("incidentReference", String.class);
  public static final ProcessVariable<String> TARGETS = ProcessVariable.of("targetNames", String.class);
  public static final ProcessVariable<Number> ERROR_RATE_MAX = ProcessVariable.of("errorRateMax", Number.class);
  public static final ProcessVariable<Number> LATENCY_P95_MAX_MS = ProcessVariable.of("latencyP95MaxMs", Number.class);
  public static final ProcessVariable<Number> STABILIZATION_MINUTES =
      ProcessVariable.of("stabilizationMinutes", Number.class);

  // The post-implementation review (forms/post-implementation-review.form)
  public static final ProcessVariable<String> PIR_VERDICT = ProcessVariable.of("pirVerdict", String.class);
  public static final String TIMELINE = "timeline";

  private EmergencyProcess() {}
}
