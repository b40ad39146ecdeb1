package io.changegate.risk;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The columns of an FMEA worksheet, in the order of the Excel template: the key of the Tasklist form's
 * dynamic list and of the JSON, the Excel header, whether a row needs it, and its longest text.
 */
public enum FmeaColumn {
  STEP("step", "Step / component", true, 200),
  FAILURE_MODE("failureMode", "Failure mode", true, 500),
  EFFECT("effect", "Effect", true, 1000),
  CAUSE("cause", "Cause", true, 1000),
  SEVERITY("severity", "Severity (S)", true, 0),
  OCCURRENCE("occurrence", "Occurrence (O)", true, 0),
  DETECTION("detection", "Detection (D)", true, 0),
  CURRENT_CONTROLS("currentControls", "Current controls", false, 1000),
  RECOMMENDED_ACTION("recommendedAction", "Recommended action", false, 1000),
  OWNER("owner", "Owner", false, 100);

  public static final int MIN_SCORE = 1;
  public static final int MAX_SCORE = 10;

  private final String key;
  private final String header;
  private final boolean required;
  private final int maxLength;

  FmeaColumn(String key, String header, boolean required, int maxLength) {
    this.key = key;
    this.header = header;
    this.required = required;
    this.maxLength = maxLength;
  }

  public String key() {
    return key;
  }

  public String header() {
    return header;
  }

  public boolean required() {
    return required;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Severity, occurrence and detection: whole numbers from 1 to 10. */
  public boolean isScore() {
    return maxLength == 0;
  }

  public static List<FmeaColumn> scores() {
    return List.of(SEVERITY, OCCURRENCE, DETECTION);
  }

  /** The column an Excel header names ("Severity (S)", "severity", "Failure Mode"...), or {@code null}. */
  public static FmeaColumn ofHeader(String header) {
    String wanted = normalized(header);
    return Arrays.stream(values())
        .filter(c -> normalized(c.header).equals(wanted) || normalized(c.key).equals(wanted)
            || normalized(c.header.replaceAll("\\(.*\\)", "")).equals(wanted))
        .findFirst().orElse(null);
  }

  static String normalized(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
