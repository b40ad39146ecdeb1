package io.changegate.approval;

import io.changegate.change.ChangeProcess;
import io.changegate.engine.ProcessVariable;
import java.util.Date;
import java.util.List;

/**
 * Names of the review steps of a normal change (runbook peer review, sign-offs, rework) and their variables,
 * declared once (docs/names.md); the diagrams and forms use the same names.
 */
public final class ReviewProcess {

  public static final String SIGN_OFF = "sign-off";
  public static final String REQUIRED_SIGN_OFFS_DECISION = "required-sign-offs";

  /** The sign-off task, as the one-sign-off-per-person rule finds it in the audit trail. */
  public static final String TASK_SIGN_OFF = "Task_SignOff";

  // Facts the sign-off decision reads (loaded from the change store, never from a form)
  public static final ProcessVariable<Boolean> REGULATED = ProcessVariable.of("regulated", Boolean.class);
  public static final ProcessVariable<Boolean> SECURITY_RELEVANT = ProcessVariable.of("securityRelevant", Boolean.class);
  public static final ProcessVariable<String> RISK_LEVEL = ChangeProcess.RISK_LEVEL;
  /** The environment catalog's kind of the change's environment (PRODUCTION, PRE_PRODUCTION, TEST, DEVELOPMENT). */
  public static final ProcessVariable<String> ENVIRONMENT_KIND = ProcessVariable.of("environmentKind", String.class);
  /** The group that owns the change's environment in the catalog ("" when the catalog does not know it). */
  public static final ProcessVariable<String> ENVIRONMENT_OWNER = ProcessVariable.of("environmentOwner", String.class);
  /** The services that depend on the changed one, one line each (owner, required version, overlapping changes). */
  public static final ProcessVariable<String> DEPENDENTS = ProcessVariable.of("dependents", String.class);

  // Sign-offs: the groups the decision requires, one task per group, and the outcome for the caller
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static final ProcessVariable<List<String>> SIGN_OFF_GROUPS =
      (ProcessVariable) ProcessVariable.of("signOffGroups", List.class);
  public static final ProcessVariable<String> SIGN_OFF_GROUP = ProcessVariable.of("signOffGroup", String.class);
  public static final ProcessVariable<Date> SIGN_OFF_DUE_AT = ProcessVariable.of("signOffDueAt", Date.class);
  public static final ProcessVariable<String> SIGN_OFF_DECISION = ProcessVariable.of("signOffDecision", String.class);
  public static final ProcessVariable<String> SIGN_OFF_COMMENT = ProcessVariable.of("signOffComment", String.class);
  public static final ProcessVariable<String> SIGN_OFF_ASKED_BY = ProcessVariable.of("signOffAskedBy", String.class);

  // What every reviewer sees
  /** The change's infrastructure plan: SHA-256, creates, updates, deletes, destroys marked (from the plan store). */
  public static final ProcessVariable<String> INFRASTRUCTURE_PLAN =
      ProcessVariable.of("infrastructurePlan", String.class);
  public static final ProcessVariable<String> ROLLBACK_PLAN = ProcessVariable.of("rollbackPlan", String.class);
  public static final ProcessVariable<String> EARLIER_DECISIONS = ProcessVariable.of("earlierDecisions", String.class);
  public static final ProcessVariable<String> RUNBOOK_PRE_CHECKS = ProcessVariable.of("runbookPreChecks", String.class);
  public static final ProcessVariable<String> RUNBOOK_STEPS = ProcessVariable.of("runbookSteps", String.class);
  public static final ProcessVariable<String> RUNBOOK_POST_CHECKS =
      ProcessVariable.of("runbookPostChecks", String.class);
  public static final ProcessVariable<String> RUNBOOK_ROLLBACK_STEPS =
      ProcessVariable.of("runbookRollbackSteps", String.class);
  public static final ProcessVariable<String> RUNBOOK_AUTHOR = ProcessVariable.of("runbookAuthor", String.class);

  // Runbook peer review: the reviewer confirms each part was verified before approving
  public static final ProcessVariable<Boolean> PRE_CHECKS_VERIFIED = ProcessVariable.of("preChecksVerified", Boolean.class);
  public static final ProcessVariable<Boolean> STEPS_VERIFIED = ProcessVariable.of("stepsVerified", Boolean.class);
  public static final ProcessVariable<Boolean> POST_CHECKS_VERIFIED =
      ProcessVariable.of("postChecksVerified", Boolean.class);
  public static final ProcessVariable<Boolean> ROLLBACK_STEPS_VERIFIED =
      ProcessVariable.of("rollbackStepsVerified", Boolean.class);

  // Rework: what was asked, and what the requester changed
  public static final ProcessVariable<String> REWORK_REQUEST = ProcessVariable.of("reworkRequest", String.class);
  public static final ProcessVariable<String> AMENDMENT_NOTE = ProcessVariable.of("amendmentNote", String.class);

  private ReviewProcess() {}
}
