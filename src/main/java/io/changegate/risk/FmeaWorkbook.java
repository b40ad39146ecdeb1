package io.changegate.risk;

import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.util.CellReference;

/**
 * The FMEA worksheet as an Excel workbook (.xlsx): what {@link FmeaWorkbookWriter} writes and
 * {@link FmeaWorkbookReader} reads.
 *
 * <p>Sheet {@value #SHEET} has a frozen header row, the columns of {@link FmeaColumn} in the order of {@link #LAYOUT}
 * and an RPN column that is an Excel formula (S × O × D); sheet {@value #INSTRUCTIONS} says how to fill it in and
 * gives the scales. A reader finds the columns by their header, so their order in an upload does not matter.
 */
public final class FmeaWorkbook {

  public static final String SHEET = "FMEA";
  public static final String INSTRUCTIONS = "Instructions";
  public static final String RPN_HEADER = "RPN (S×O×D)";
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** The largest upload read; bigger ones are refused unread (413). */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  /** Column by column from A, as written; {@code null} is the RPN column. */
  static final List<FmeaColumn> LAYOUT = Arrays.asList(FmeaColumn.STEP, FmeaColumn.FAILURE_MODE,
      FmeaColumn.EFFECT, FmeaColumn.CAUSE, FmeaColumn.SEVERITY, FmeaColumn.OCCURRENCE, FmeaColumn.DETECTION,
      null, FmeaColumn.CURRENT_CONTROLS, FmeaColumn.RECOMMENDED_ACTION, FmeaColumn.OWNER);
  static final int RPN_COLUMN = LAYOUT.indexOf(null);

  private FmeaWorkbook() {}

  /** The index of a column as written (0 = A). */
  static int indexOf(FmeaColumn column) {
    return LAYOUT.indexOf(column);
  }

  /** The Excel letter of a column as written ("E" for severity). */
  static String letter(FmeaColumn column) {
    return CellReference.convertNumToColString(indexOf(column));
  }
}
