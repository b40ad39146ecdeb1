package io.changegate.risk;

import io.changegate.change.ChangeProcess;
import io.changegate.engine.ProcessVariable;

/**
 * The FMEA risk review ({@code processes/fmea-review.bpmn}, decision {@code processes/fmea-risk-level.dmn}):
 * its ids and variables, declared once here.
 *
 * <p>What the caller gets back when the review ends ({@code camunda:out}): {@link #RISK_LEVEL} (LOW, MEDIUM
 * or HIGH), {@link #FMEA_DECISION} (APPROVE or REJECT) and {@link #FMEA_COMMENT} (the assessor's comment; never
 * empty on REJECT, possibly empty on APPROVE).
 */
public final class FmeaProcess {

  public static final String FMEA_REVIEW = "fmea-review";
  public static final String RISK_LEVEL_DECISION = "fmea-risk-level";

  /** The requester's task; the Excel upload is accepted only while it is open. */
  public static final String TASK_FILL_WORKSHEET = "Task_FillFmeaWorksheet";
  public static final String TASK_ASSESS = "Task_AssessFmea";

  /** The worksheet as the Tasklist forms read and write it: a Json list of rows (form-js dynamic list). */
  public static final ProcessVariable<Object> FMEA = ProcessVariable.of("fmea", Object.class);
  /** The assessor's comment when the worksheet came back for rework (shown on the fill-in form). */
  public static final ProcessVariable<String> REWORK_COMMENT = ProcessVariable.of("fmeaReworkComment", String.class);

  // The figures the decision table reads (set when the worksheet is submitted)
  public static final ProcessVariable<Integer> MAX_SEVERITY = ProcessVariable.of("maxSeverity", Integer.class);
  public static final ProcessVariable<Integer> MAX_RPN = ProcessVariable.of("maxRpn", Integer.class);
  public static final ProcessVariable<Integer> FAILURE_MODES = ProcessVariable.of("failureModes", Integer.class);

  // The decision's result (output mapping of the business rule task)
  public static final ProcessVariable<String> RISK_LEVEL = ChangeProcess.RISK_LEVEL;
  public static final ProcessVariable<String> RISK_REASON = ProcessVariable.of("riskReason", String.class);

  // For the caller
  public static final ProcessVariable<String> FMEA_DECISION = ProcessVariable.of("fmeaDecision", String.class);
  public static final ProcessVariable<String> FMEA_COMMENT = ProcessVariable.of("fmeaComment", String.class);

  private FmeaProcess() {}
}
