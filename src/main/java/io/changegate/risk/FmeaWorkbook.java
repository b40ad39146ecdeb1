package io.changegate.risk;

import io.changegate.change.Change;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The FMEA worksheet as an Excel workbook (Apache POI), both ways.
 *
 * <p>Written: sheet {@value #SHEET} with a frozen header row, the columns of {@link FmeaColumn} and an RPN
 * column that is an Excel formula (S × O × D), drop-downs 1–10 on the three scores; sheet {@value #INSTRUCTIONS}
 * with how to fill it in and the scales.
 *
 * <p>Read: only an .xlsx of at most {@link #MAX_BYTES} bytes; the ZIP package is opened with explicit limits
 * (inflate ratio, entry size, text size) so a zip bomb is refused before it is expanded. Columns are found by
 * their header, so their order does not matter; the RPN column is ignored (computed). A formula in a score
 * cell is refused: a score is a number a person chose, and an uploaded formula is not evaluated.
 */
@Component
public class FmeaWorkbook {

  public static final String SHEET = "FMEA";
  public static final String INSTRUCTIONS = "Instructions";
  public static final String RPN_HEADER = "RPN (S×O×D)";
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** The largest upload read; bigger ones are refused unread (413). */
  public static final int MAX_BYTES = 2 * 1024 * 1024;
  /** The smallest compressed/uncompressed ratio of any ZIP entry (POI's default, set explicitly). */
  static final double MIN_INFLATE_RATIO = 0.01;
  /** The largest uncompressed ZIP entry: a worksheet of 200 rows is far below. */
  static final long MAX_ENTRY_SIZE = 20L * 1024 * 1024;
  static final long MAX_TEXT_SIZE = 10L * 1024 * 1024;
  /** Rows with formula and drop-downs in a written workbook (a template has room for this many). */
  static final int PREPARED_ROWS = FmeaValidator.MAX_ROWS;
  /** Rows looked at when reading; anything further down is refused. */
  static final int MAX_SHEET_ROWS = 5000;

  /** Column by column from A; {@code null} is the RPN column. */
  private static final List<FmeaColumn> LAYOUT = java.util.Arrays.asList(FmeaColumn.STEP, FmeaColumn.FAILURE_MODE,
      FmeaColumn.EFFECT, FmeaColumn.CAUSE, FmeaColumn.SEVERITY, FmeaColumn.OCCURRENCE, FmeaColumn.DETECTION,
      null, FmeaColumn.CURRENT_CONTROLS, FmeaColumn.RECOMMENDED_ACTION, FmeaColumn.OWNER);
  private static final int RPN_COLUMN = LAYOUT.indexOf(null);

  private final FmeaValidator validator;

  public FmeaWorkbook(FmeaValidator validator) {
    this.validator = validator;
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
    ZipSecureFile.setMaxTextSize(MAX_TEXT_SIZE);
  }

  // ---------------------------------------------------------------- writing

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
        LAYOUT.indexOf(FmeaColumn.SEVERITY), LAYOUT.indexOf(FmeaColumn.DETECTION));
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

  private static String letter(FmeaColumn column) {
    return CellReference.convertNumToColString(LAYOUT.indexOf(column));
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

  // ---------------------------------------------------------------- reading

  /** Reads and validates an uploaded workbook: the valid rows, or every error with its location. */
  public FmeaValidator.Validated read(byte[] bytes) {
    List<WorksheetError> errors = new ArrayList<>();
    Function<String, WorksheetError> ofFile = message -> new WorksheetError("(workbook)", message, null, null, null,
        null);
    FileMagic magic;
    try {
      magic = FileMagic.valueOf(bytes);
    } catch (RuntimeException e) {
      magic = FileMagic.UNKNOWN;
    }
    if (bytes.length == 0) {
      return invalid(ofFile.apply("is empty: upload an Excel workbook (.xlsx)"));
    }
    if (magic == FileMagic.OLE2) {
      return invalid(ofFile.apply("is an Excel 97-2003 workbook (.xls) or another old Office file: save it as an "
          + "Excel workbook (.xlsx) and upload that"));
    }
    if (magic != FileMagic.OOXML) {
      return invalid(ofFile.apply("is not an Excel workbook (.xlsx)"
          + (looksLikeText(bytes) ? ": it looks like text (CSV?); download the template from this change and fill"
          + " that in" : "")));
    }
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      Sheet sheet = workbook.getSheet(SHEET);
      if (sheet == null) {
        return invalid(new WorksheetError("(workbook)", "has no sheet named '" + SHEET + "' (the worksheet of the "
            + "template); sheets found: " + sheetNames(workbook), SHEET, null, null, null));
      }
      return readSheet(sheet, errors);
    } catch (IOException | RuntimeException e) {
      return invalid(ofFile.apply(isZipBomb(e)
          ? "expands far beyond its size when unpacked (a zip bomb?) and was not read"
          : "cannot be read as an Excel workbook (.xlsx): " + rootMessage(e)));
    }
  }

  private FmeaValidator.Validated readSheet(Sheet sheet, List<WorksheetError> errors) {
    Row head = sheet.getRow(0);
    Map<FmeaColumn, Integer> columns = new EnumMap<>(FmeaColumn.class);
    if (head != null) {
      for (Cell cell : head) {
        if (cell.getCellType() == CellType.STRING) {
          FmeaColumn column = FmeaColumn.ofHeader(cell.getStringCellValue());
          if (column != null && !columns.containsKey(column)) {
            columns.put(column, cell.getColumnIndex());
          }
        }
      }
    }
    for (FmeaColumn column : FmeaColumn.values()) {
      if (!columns.containsKey(column)) {
        errors.add(new WorksheetError(SHEET + "!1", "has no column '" + column.header() + "' in its header row"
            + (column.required() ? "" : " (the column may stay empty, but it must be there)"), SHEET, 1,
            column.header(), null));
      }
    }
    if (!errors.isEmpty()) {
      return new FmeaValidator.Validated(List.of(), errors);
    }
    if (sheet.getLastRowNum() >= MAX_SHEET_ROWS) {
      return invalid(new WorksheetError(SHEET, "has rows down to row " + (sheet.getLastRowNum() + 1) + "; at most "
          + FmeaValidator.MAX_ROWS + " failure modes are accepted", SHEET, null, null, null));
    }
    DataFormatter formatter = new DataFormatter();
    List<FmeaValidator.RawRow> raw = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      Map<FmeaColumn, Object> values = new EnumMap<>(FmeaColumn.class);
      for (Map.Entry<FmeaColumn, Integer> column : columns.entrySet()) {
        values.put(column.getKey(), value(row.getCell(column.getValue()), column.getKey(), formatter));
      }
      if (FmeaValidator.blank(values)) {
        continue;
      }
      int excelRow = r + 1;
      BiFunction<FmeaColumn, String, WorksheetError> at = (column, message) -> {
        String cell = CellReference.convertNumToColString(columns.get(column)) + excelRow;
        return new WorksheetError(SHEET + "!" + cell, message, SHEET, excelRow, column.header(), cell);
      };
      raw.add(new FmeaValidator.RawRow(values, at));
    }
    return validator.validate(raw, message -> new WorksheetError(SHEET + "!2", message, SHEET, 2, null, "A2"),
        errors);
  }

  private static Object value(Cell cell, FmeaColumn column, DataFormatter formatter) {
    if (cell == null) {
      return null;
    }
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      if (column.isScore()) {
        return new FmeaValidator.Unreadable("is a formula (=" + cell.getCellFormula() + "); enter the score itself,"
            + " a whole number from 1 to 10");
      }
      type = cell.getCachedFormulaResultType();
    }
    return switch (type) {
      case BLANK, _NONE -> null;
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> cell.getBooleanCellValue();
      case NUMERIC -> column.isScore() ? (Object) java.math.BigDecimal.valueOf(cell.getNumericCellValue())
          : formatter.formatCellValue(cell);
      case ERROR -> new FmeaValidator.Unreadable("holds the Excel error "
          + FormulaError.forInt(cell.getErrorCellValue()).getString());
      default -> null;
    };
  }

  private static FmeaValidator.Validated invalid(WorksheetError error) {
    return new FmeaValidator.Validated(List.of(), List.of(error));
  }

  private static boolean looksLikeText(byte[] bytes) {
    int n = Math.min(bytes.length, 512);
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) {
        return false;
      }
    }
    return n > 0;
  }

  private static String sheetNames(Workbook workbook) {
    List<String> names = new ArrayList<>();
    workbook.forEach(s -> names.add("'" + s.getSheetName() + "'"));
    return String.join(", ", names);
  }

  private static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (message.contains("Zip bomb") || message.contains("ZipSecureFile")
          || message.contains("max entry size") || message.contains("MaxEntrySize"))) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }
}
