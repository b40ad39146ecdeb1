package io.changegate.risk;

import static io.changegate.risk.FmeaWorkbook.SHEET;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Reads an uploaded FMEA workbook ({@link FmeaWorkbook}) and validates it with the {@link FmeaValidator} every entry
 * path shares.
 *
 * <p>Only an .xlsx of at most {@link FmeaWorkbook#MAX_BYTES} bytes; the ZIP package is opened with explicit limits
 * (inflate ratio, entry size, text size) so a zip bomb is refused before it is expanded. Columns are found by
 * their header, so their order does not matter; the RPN column is ignored (computed). A formula in a score
 * cell is refused: a score is a number a person chose, and an uploaded formula is not evaluated.
 */
@Component
public class FmeaWorkbookReader {

  /** The smallest compressed/uncompressed ratio of any ZIP entry (POI's default, set explicitly). */
  static final double MIN_INFLATE_RATIO = 0.01;
  /** The largest uncompressed ZIP entry: a worksheet of 200 rows is far below. */
  static final long MAX_ENTRY_SIZE = 20L * 1024 * 1024;
  static final long MAX_TEXT_SIZE = 10L * 1024 * 1024;
  /** Rows looked at when reading; anything further down is refused. */
  static final int MAX_SHEET_ROWS = 5000;

  private final FmeaValidator validator;

  public FmeaWorkbookReader(FmeaValidator validator) {
    this.validator = validator;
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
    ZipSecureFile.setMaxTextSize(MAX_TEXT_SIZE);
  }

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
