package io.changegate.rollback;

import io.changegate.change.ChangeProcess;
import io.changegate.engine.ProcessVariable;
import io.changegate.monitoring.MonitoringProcess;

/**
 * Names of {@code processes/rollback.bpmn} and {@code processes/rollback-request.bpmn} that code relies on:
 * process keys, messages, errors and variables, declared once here. A rollback also reads the variables it shares
 * with the deployment's target loop ({@code loopCounter}, {@code targetName}, {@code rolloutState}): see
 * {@code deployment.DeploymentProcess}.
 */
public final class RollbackProcess {

  public static final String ROLLBACK = "rollback";
  public static final String ROLLBACK_REQUEST = "rollback-request";

  /** docs/names.md: asks for a change's rollback (business key = change id). */
  public static final String MESSAGE_ROLLBACK_REQUESTED = "RollbackRequested";

  /** Error thrown when a target's rollback is refused or its rollout fails: caught on "Roll back each target". */
  public static final String ERROR_ROLLBACK_FAILED = "RollbackFailed";

  /** Who asked for the rollback and why: {@code RollbackRequested} carries what {@code AlertFiring} carries. */
  public static final ProcessVariable<String> REQUESTED_BY = MonitoringProcess.REQUESTED_BY;
  public static final ProcessVariable<String> REQUEST_REASON = MonitoringProcess.REQUEST_REASON;
  /** Which change a rollback request (Tasklist start form) asks to roll back: an input, checked by the service. */
  public static final ProcessVariable<String> REQUESTED_CHANGE = ProcessVariable.of("rollbackChangeId", String.class);

  // plan (after the evidence)
  public static final ProcessVariable<Integer> ROLLBACK_TARGET_COUNT =
      ProcessVariable.of("rollbackTargetCount", Integer.class);
  /**
   * How long a rollback's "Wait" lasts. Stored, unlike the deployment's routing value of the same name: it is set
   * once, when the evidence is preserved, and read by timers of later transactions.
   */
  public static final ProcessVariable<String> ROLLBACK_POLL_INTERVAL =
      ProcessVariable.of("rolloutPollInterval", String.class);
  public static final ProcessVariable<Boolean> DRY_RUN = ProcessVariable.of("dryRun", Boolean.class);
  public static final ProcessVariable<String> INCIDENT_REFERENCE = ChangeProcess.INCIDENT_REFERENCE;
  /** Rolled back on purpose to rehearse the rollback (no postmortem); from changegate_rollback_rehearsal. */
  public static final ProcessVariable<Boolean> REHEARSAL = ProcessVariable.of("rehearsal", Boolean.class);
  /** How many stateful components (runbook sections) operations restore, one task each, in order. */
  public static final ProcessVariable<Integer> STATEFUL_COUNT = ProcessVariable.of("statefulCount", Integer.class);

  // the sign-off gate of normal-change: NOT_NEEDED, REHEARSED or MISSING (a routing value, read by the gateway right
  // after the check: transient), and what the forms show (stored)
  public static final ProcessVariable<String> REHEARSAL_VERDICT =
      ProcessVariable.transientOf("rehearsalVerdict", String.class);
  public static final ProcessVariable<String> ROLLBACK_REHEARSAL = ChangeProcess.ROLLBACK_REHEARSAL;

  // one stateful component (set on its task from the runbook, read-only on the form)
  public static final ProcessVariable<String> STATEFUL_KIND = ProcessVariable.of("statefulKind", String.class);
  public static final ProcessVariable<String> STATEFUL_NAME = ProcessVariable.of("statefulName", String.class);
  public static final ProcessVariable<String> STATEFUL_CHECKPOINT =
      ProcessVariable.of("statefulCheckpoint", String.class);
  public static final ProcessVariable<String> STATEFUL_RESTORE = ProcessVariable.of("statefulRestore", String.class);
  public static final ProcessVariable<String> STATEFUL_POSITION = ProcessVariable.of("statefulPosition", String.class);

  // one target
  public static final ProcessVariable<String> MIGRATION_UNDO = ProcessVariable.of("migrationUndo", String.class);
  public static final ProcessVariable<String> CHECKPOINT_NOTE = ProcessVariable.of("checkpointNote", String.class);
  public static final ProcessVariable<Boolean> MIGRATION_ROLLED_BACK =
      ProcessVariable.of("migrationRolledBack", Boolean.class);

  // values of MIGRATION_UNDO
  public static final String UNDO_NONE = "NONE";
  public static final String UNDO_ADAPTER = "ADAPTER";
  public static final String UNDO_CHECKPOINT = "CHECKPOINT";

  // recovery and postmortem
  public static final ProcessVariable<Boolean> RECOVERY_VERIFIED =
      ProcessVariable.of("recoveryVerified", Boolean.class);
  public static final ProcessVariable<String> POSTMORTEM_TIMELINE =
      ProcessVariable.of("postmortemTimeline", String.class);
  public static final ProcessVariable<String> ROLLBACK_SUMMARY = ProcessVariable.of("rollbackSummary", String.class);

  // what people write on the rollback's forms (postmortem, failed rollback handled by hand)
  public static final ProcessVariable<String> WHAT_HAPPENED = ProcessVariable.of("whatHappened", String.class);
  public static final ProcessVariable<String> IMPACT = ProcessVariable.of("customerImpact", String.class);
  public static final ProcessVariable<String> CONTRIBUTING_FACTORS =
      ProcessVariable.of("contributingFactors", String.class);
  public static final ProcessVariable<String> WENT_WELL = ProcessVariable.of("wentWell", String.class);
  public static final ProcessVariable<String> ACTION_ITEMS = ProcessVariable.of("actionItems", String.class);
  public static final ProcessVariable<String> RESOLUTION = ProcessVariable.of("resolution", String.class);

  private RollbackProcess() {}
}
