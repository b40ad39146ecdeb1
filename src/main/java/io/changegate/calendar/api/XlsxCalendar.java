package io.changegate.calendar.api;

import io.changegate.calendar.CalendarFeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The calendar as an Excel workbook (Apache POI): one sheet of changes, one of blackout occurrences, one of
 * maintenance-window occurrences. Instants are real date cells in UTC; wall-clock times carry their offset.
 */
final class XlsxCalendar {

  static final String CHANGES = "Changes";
  static final String BLACKOUTS = "Blackouts";
  static final String MAINTENANCE = "Maintenance windows";
  static final List<String> CHANGE_COLUMNS =
      List.of("Change", "Title", "Service", "Environment", "Status", "Type", "Start (UTC)", "End (UTC)");
  static final List<String> WINDOW_COLUMNS = List.of("Window", "Title", "Service", "Environment", "Start (UTC)",
      "End (UTC)", "Local start", "Local end", "Time zone", "Recurrence", "Reason");

  private XlsxCalendar() {}

  static byte[] write(CalendarFeed.Period period) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle date = workbook.createCellStyle();
      date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));

      Sheet changes = sheet(workbook, CHANGES, CHANGE_COLUMNS, header);
      int r = 1;
      for (CalendarFeed.ChangeEntry c : period.changes()) {
        Row row = changes.createRow(r++);
        text(row, 0, c.id());
        text(row, 1, c.title());
        text(row, 2, c.service());
        text(row, 3, c.environment());
        text(row, 4, c.status().name());
        text(row, 5, c.type() == null ? "" : c.type().name());
        instant(row, 6, c.start(), date);
        instant(row, 7, c.end(), date);
      }
      occurrences(sheet(workbook, BLACKOUTS, WINDOW_COLUMNS, header), period.blackouts(), date);
      occurrences(sheet(workbook, MAINTENANCE, WINDOW_COLUMNS, header), period.maintenanceWindows(), date);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the calendar workbook", e);
    }
  }

  private static void occurrences(Sheet sheet, List<CalendarFeed.OccurrenceEntry> entries, CellStyle date) {
    int r = 1;
    for (CalendarFeed.OccurrenceEntry o : entries) {
      Row row = sheet.createRow(r++);
      text(row, 0, o.windowId());
      text(row, 1, o.title());
      text(row, 2, o.service() == null ? "(every service)" : o.service());
      text(row, 3, o.environment() == null ? "(every environment)" : o.environment());
      instant(row, 4, o.start(), date);
      instant(row, 5, o.end(), date);
      text(row, 6, o.localStart());
      text(row, 7, o.localEnd());
      text(row, 8, o.timeZone());
      text(row, 9, o.recurrence() == null ? "" : o.recurrence());
      text(row, 10, o.reason());
    }
  }

  private static Sheet sheet(XSSFWorkbook workbook, String name, List<String> columns, CellStyle header) {
    Sheet sheet = workbook.createSheet(name);
    Row row = sheet.createRow(0);
    for (int i = 0; i < columns.size(); i++) {
      Cell cell = row.createCell(i);
      cell.setCellValue(columns.get(i));
      cell.setCellStyle(header);
      sheet.setColumnWidth(i, 20 * 256);
    }
    sheet.createFreezePane(0, 1);
    return sheet;
  }

  private static void text(Row row, int column, String value) {
    row.createCell(column).setCellValue(value);
  }

  private static void instant(Row row, int column, Instant value, CellStyle date) {
    Cell cell = row.createCell(column);
    cell.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    cell.setCellStyle(date);
  }
}
