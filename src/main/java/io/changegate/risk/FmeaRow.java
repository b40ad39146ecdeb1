package io.changegate.risk;

/**
 * One failure mode of an FMEA worksheet. The risk priority number is always computed here,
 * severity × occurrence × detection: whatever a form, a REST call or a spreadsheet says it is, is ignored.
 */
public record FmeaRow(
    String step,
    String failureMode,
    String effect,
    String cause,
    int severity,
    int occurrence,
    int detection,
    int rpn,
    String currentControls,
    String recommendedAction,
    String owner) {

  public FmeaRow {
    rpn = severity * occurrence * detection;
  }

  public FmeaRow(String step, String failureMode, String effect, String cause, int severity, int occurrence,
      int detection, String currentControls, String recommendedAction, String owner) {
    this(step, failureMode, effect, cause, severity, occurrence, detection, 0, currentControls, recommendedAction,
        owner);
  }
}
