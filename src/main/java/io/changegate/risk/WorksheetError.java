package io.changegate.risk;

/**
 * One error of an FMEA worksheet, where it is: {@code field} as in every problem of {@code /api}
 * ({@code FMEA!E5} in a workbook, {@code fmea[0].severity} in a form), and for a workbook the sheet, the Excel
 * row number, the column (its header) and the cell.
 */
public record WorksheetError(String field, String message, String sheet, Integer row, String column, String cell) {

  /** An error of the form's list (no sheet): row is the 1-based position in the list. */
  public static WorksheetError ofList(String field, Integer row, String column, String message) {
    return new WorksheetError(field, message, null, row, column, null);
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
