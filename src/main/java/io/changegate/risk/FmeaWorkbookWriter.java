package io.changegate.risk;

import static io.changegate.risk.FmeaWorkbook.CONTENT_TYPE;
import static io.changegate.risk.FmeaWorkbook.INSTRUCTIONS;
import static io.changegate.risk.FmeaWorkbook.LAYOUT;
import static io.changegate.risk.FmeaWorkbook.RPN_COLUMN;
import static io.changegate.risk.FmeaWorkbook.RPN_HEADER;
import static io.changegate.risk.FmeaWorkbook.SHEET;
import static io.changegate.risk.FmeaWorkbook.indexOf;
import static io.changegate.risk.FmeaWorkbook.letter;

import io.changegate.change.Change;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Writes a change's FMEA worksheet as an Excel workbook ({@link FmeaWorkbook}): sheet {@value FmeaWorkbook#SHEET}
 * with a frozen header row, the rows, an RPN formula and drop-downs 1–10 on the three scores in every prepared row;
 * sheet {@value FmeaWorkbook#INSTRUCTIONS} with how to fill it in and the scales.
 */
@Component
public class FmeaWorkbookWriter {

  /** Rows with formula and drop-downs in a written workbook (a template has room for this many). */
  static final int PREPARED_ROWS = FmeaValidator.MAX_ROWS;

  /** The change's worksheet, or an empty template when {@code rows} is empty. */
  public byte[] write(Change change, List<FmeaRow> rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(SHEET);
      CellStyle header = headerStyle(workbook);
      CellStyle wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
      CellStyle score = workbook.createCellStyle();
      score.setVerticalAlignment(VerticalAlignment.TOP);

      Row head = sheet.createRow(0);
      for (int c = 0; c < LAYOUT.size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(c == RPN_COLUMN ? RPN_HEADER : LAYOUT.get(c).header());
        cell.setCellStyle(header);
        FmeaColumn column = LAYOUT.get(c);
        int width = column == null || column.isScore() ? 14 : column == FmeaColumn.OWNER ? 18
            : column == FmeaColumn.STEP ? 24 : 36;
        sheet.setColumnWidth(c, width * 256);
      }
      sheet.createFreezePane(0, 1);

      for (int i = 0; i < Math.max(PREPARED_ROWS, rows.size()); i++) {
        Row row = sheet.createRow(i + 1);
        FmeaRow data = i < rows.size() ? rows.get(i) : null;
        for (int c = 0; c < LAYOUT.size(); c++) {
          FmeaColumn column = LAYOUT.get(c);
          if (column == null) {
            Cell rpn = row.createCell(c);
            String r = String.valueOf(i + 2);
            rpn.setCellFormula("IF(COUNT(" + letter(FmeaColumn.SEVERITY) + r + ":" + letter(FmeaColumn.DETECTION) + r
                + ")=3," + letter(FmeaColumn.SEVERITY) + r + "*" + letter(FmeaColumn.OCCURRENCE) + r + "*"
                + letter(FmeaColumn.DETECTION) + r + ",\"\")");
            rpn.setCellStyle(score);
          } else if (data != null) {
            Cell cell = row.createCell(c);
            if (column.isScore()) {
              cell.setCellValue(scoreOf(data, column));
              cell.setCellStyle(score);
            } else {
              String text = textOf(data, column);
              if (text != null) {
                cell.setCellValue(text);
              }
              cell.setCellStyle(wrap);
            }
          }
        }
      }
      scoreDropDowns(sheet);
      sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, LAYOUT.size() - 1));
      instructions(workbook, change, header);
      workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
      workbook.setForceFormulaRecalculation(true);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the FMEA workbook", e);
    }
  }

  private static void scoreDropDowns(Sheet sheet) {
    DataValidationHelper helper = sheet.getDataValidationHelper();
    String[] values = new String[FmeaColumn.MAX_SCORE - FmeaColumn.MIN_SCORE + 1];
    for (int v = FmeaColumn.MIN_SCORE; v <= FmeaColumn.MAX_SCORE; v++) {
      values[v - FmeaColumn.MIN_SCORE] = String.valueOf(v);
    }
    DataValidationConstraint constraint = helper.createExplicitListConstraint(values);
    CellRangeAddressList cells = new CellRangeAddressList(1, PREPARED_ROWS,
        indexOf(FmeaColumn.SEVERITY), indexOf(FmeaColumn.DETECTION));
    DataValidation validation = helper.createValidation(constraint, cells);
    validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
    validation.setShowErrorBox(true);
    validation.createErrorBox("Score from 1 to 10", "Choose a whole number from 1 to 10 (see the Instructions sheet).");
    validation.setShowPromptBox(true);
    validation.createPromptBox("Score 1-10", "1 = best case, 10 = worst case; see the Instructions sheet.");
    // XSSF: true shows the drop-down arrow
    validation.setSuppressDropDownArrow(true);
    sheet.addValidationData(validation);
  }

  private static void instructions(Workbook workbook, Change change, CellStyle header) {
    Sheet sheet = workbook.createSheet(INSTRUCTIONS);
    sheet.setColumnWidth(0, 10 * 256);
    sheet.setColumnWidth(1, 48 * 256);
    sheet.setColumnWidth(2, 48 * 256);
    sheet.setColumnWidth(3, 48 * 256);
    CellStyle wrap = workbook.createCellStyle();
    wrap.setWrapText(true);
    wrap.setVerticalAlignment(VerticalAlignment.TOP);
    List<String> lines = List.of(
        "FMEA worksheet of " + change.id() + ": " + change.title(),
        "Service " + change.service() + ", environment " + change.environment()
            + (change.artifact() == null ? "" : ", artifact " + change.artifact().name() + ":"
            + change.artifact().version()),
        "",
        "One row per failure mode on sheet '" + SHEET + "': what can go wrong in which step or component, its effect"
            + " and cause, and three scores from 1 to 10 (drop-downs). Step / component, failure mode, effect, cause and"
            + " the three scores are required; current controls, recommended action and owner are optional.",
        "RPN = Severity x Occurrence x Detection (1 to 1000). The RPN column is only for you: Changegate computes it"
            + " again and ignores uploaded values. Enter numbers, not formulas, in the score columns.",
        "The risk level (LOW, MEDIUM, HIGH) is decided by the decision table fmea-risk-level from the highest severity"
            + " and the highest RPN; process owners keep its thresholds.",
        "Upload: PUT /api/changes/" + change.id() + "/fmea with Content-Type " + CONTENT_TYPE
            + " (at most 2 MB), while the task 'Fill in the FMEA worksheet' is open. Every error is reported with its"
            + " sheet, row and column; nothing is stored until the whole workbook is valid.",
        "");
    int r = 0;
    for (String line : lines) {
      Cell cell = sheet.createRow(r++).createCell(0);
      cell.setCellValue(line);
      if (r == 1) {
        cell.setCellStyle(header);
      }
      if (!line.isEmpty()) {
        sheet.addMergedRegion(new CellRangeAddress(r - 1, r - 1, 0, 3));
        cell.setCellStyle(r == 1 ? header : wrap);
        sheet.getRow(r - 1).setHeightInPoints(line.length() > 120 ? 45 : 15);
      }
    }
    Row scaleHead = sheet.createRow(r++);
    String[] heads = {"Score", "Severity (S): how bad is the effect?", "Occurrence (O): how likely is the cause?",
        "Detection (D): how likely does it go unnoticed before harm?"};
    for (int c = 0; c < heads.length; c++) {
      Cell cell = scaleHead.createCell(c);
      cell.setCellValue(heads[c]);
      cell.setCellStyle(header);
    }
    for (int score = 1; score <= 10; score++) {
      Row row = sheet.createRow(r++);
      row.createCell(0).setCellValue(score);
      cellText(row, 1, severityScale(score), wrap);
      cellText(row, 2, occurrenceScale(score), wrap);
      cellText(row, 3, detectionScale(score), wrap);
    }
  }

  private static void cellText(Row row, int column, String text, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(text);
    cell.setCellStyle(style);
  }

  static String severityScale(int s) {
    return s == 1 ? "No noticeable effect"
        : s <= 3 ? "Minor: a few users notice a small degradation"
        : s <= 6 ? "Moderate: degraded service or a secondary function fails for some users"
        : s <= 8 ? "Major: a core function fails for many users, or a workaround is needed"
        : "Critical: outage, data loss, security or regulatory breach";
  }

  static String occurrenceScale(int o) {
    return o == 1 ? "Remote: practically never happened anywhere"
        : o <= 3 ? "Low: happened rarely in similar changes"
        : o <= 6 ? "Occasional: happens now and then"
        : o <= 8 ? "High: has happened repeatedly"
        : "Very high: almost certain to happen";
  }

  static String detectionScale(int d) {
    return d == 1 ? "Almost certainly caught before harm (an automated check blocks it)"
        : d <= 3 ? "Likely caught by tests, checks or canary before users are hit"
        : d <= 6 ? "Caught by monitoring and alerts after some impact"
        : d <= 8 ? "Probably noticed only by users or support"
        : "Cannot be detected before serious harm";
  }

  private static CellStyle headerStyle(Workbook workbook) {
    CellStyle header = workbook.createCellStyle();
    Font bold = workbook.createFont();
    bold.setBold(true);
    header.setFont(bold);
    header.setWrapText(true);
    header.setVerticalAlignment(VerticalAlignment.TOP);
    header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
    header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    return header;
  }

  private static int scoreOf(FmeaRow row, FmeaColumn column) {
    return switch (column) {
      case SEVERITY -> row.severity();
      case OCCURRENCE -> row.occurrence();
      case DETECTION -> row.detection();
      default -> throw new IllegalArgumentException(column + " is not a score");
    };
  }

  private static String textOf(FmeaRow row, FmeaColumn column) {
    return switch (column) {
      case STEP -> row.step();
      case FAILURE_MODE -> row.failureMode();
      case EFFECT -> row.effect();
      case CAUSE -> row.cause();
      case CURRENT_CONTROLS -> row.currentControls();
      case RECOMMENDED_ACTION -> row.recommendedAction();
      case OWNER -> row.owner();
      default -> throw new IllegalArgumentException(column + " is not a text");
    };
  }
}
