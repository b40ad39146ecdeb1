package io.changegate.change;

import io.changegate.engine.ChangeKey;
import io.changegate.engine.ProcessVariable;

/**
 * Names of the change processes, their messages and their variables: declared once here (docs/names.md),
 * used everywhere else through these constants.
 */
public final class ChangeProcess {

  public static final String CHANGE_REQUEST = "change-request";
  public static final String STANDARD_CHANGE = "standard-change";
  public static final String NORMAL_CHANGE = "normal-change";
  public static final String EMERGENCY_CHANGE = "emergency-change";
  public static final String DEPLOYMENT = "deployment";
  public static final String CLASSIFICATION_DECISION = "change-classification";

  public static final String MESSAGE_CHANGE_CANCELLED = "ChangeCancelled";

  /**
   * Every process instance of a change carries the change id as business key; {@code CHANGE_ID.required(task)}
   * reads that key. The variable {@code changeId} is only a display copy for Tasklist and is never read back.
   */
  public static final ChangeKey CHANGE_ID = ChangeKey.withDisplayVariable("changeId");

  // Facts the classification decision reads
  public static final ProcessVariable<Boolean> EMERGENCY = ProcessVariable.transientOf("emergency", Boolean.class);
  public static final ProcessVariable<Boolean> EMERGENCY_JUSTIFIED =
      ProcessVariable.transientOf("emergencyJustified", Boolean.class);
  public static final ProcessVariable<String> URGENCY = ProcessVariable.transientOf("urgency", String.class);
  public static final ProcessVariable<String> STANDARD_CHANGE_TEMPLATE =
      ProcessVariable.transientOf("standardChangeTemplate", String.class);
  public static final ProcessVariable<Boolean> TEMPLATE_FITS = ProcessVariable.transientOf("templateFits", Boolean.class);
  public static final ProcessVariable<String> TEMPLATE_MISMATCH =
      ProcessVariable.transientOf("templateMismatch", String.class);

  // The decision's result (mapped from decisionResult by the business rule task's output mapping)
  public static final ProcessVariable<String> CHANGE_TYPE = ProcessVariable.of("changeType", String.class);
  public static final ProcessVariable<String> CLASSIFICATION_REASON =
      ProcessVariable.of("classificationReason", String.class);

  // What an approver sees on a form (loaded from the change store when a reviewed flow starts)
  public static final ProcessVariable<String> TITLE = ProcessVariable.of("title", String.class);
  public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.of("description", String.class);
  public static final ProcessVariable<String> SERVICE = ProcessVariable.of("service", String.class);
  public static final ProcessVariable<String> ENVIRONMENT = ProcessVariable.of("environment", String.class);
  public static final ProcessVariable<String> ARTIFACT = ProcessVariable.of("artifact", String.class);
  public static final ProcessVariable<String> ARTIFACT_DIGEST = ProcessVariable.of("artifactDigest", String.class);
  public static final ProcessVariable<String> IMPACT = ProcessVariable.of("impact", String.class);
  public static final ProcessVariable<String> REQUESTER = ProcessVariable.of("requester", String.class);
  /** The change's risk level (FMEA), read by the sign-off decision and the gateways. */
  public static final ProcessVariable<String> RISK_LEVEL = ProcessVariable.of("riskLevel", String.class);
  /** The incident of the change: what triggered an emergency, or what a rollback opened. */
  public static final ProcessVariable<String> INCIDENT_REFERENCE =
      ProcessVariable.of("incidentReference", String.class);
  public static final ProcessVariable<String> JUSTIFICATION =
      ProcessVariable.of("emergencyJustification", String.class);

  // Cancellation (message ChangeCancelled)
  public static final ProcessVariable<String> CANCELLED_BY = ProcessVariable.of("cancelledBy", String.class);
  public static final ProcessVariable<String> CANCEL_REASON = ProcessVariable.of("cancelReason", String.class);

  // Every approval, review and sign-off task completes with these (docs/names.md)
  public static final ProcessVariable<String> DECISION = ProcessVariable.of("decision", String.class);
  public static final ProcessVariable<String> COMMENT = ProcessVariable.of("comment", String.class);
  /** The rollback rehearsal the sign-offs rely on, as the forms show it ({@link RollbackRehearsals#describe}). */
  public static final ProcessVariable<String> ROLLBACK_REHEARSAL = ProcessVariable.of("rollbackRehearsal", String.class);

  private ChangeProcess() {}
}
