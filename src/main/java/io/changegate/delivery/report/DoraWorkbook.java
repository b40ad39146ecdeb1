package io.changegate.delivery.report;

import io.changegate.delivery.DoraCalculator;
import io.changegate.delivery.DoraKey;
import io.changegate.delivery.DoraReport;
import io.changegate.delivery.ImprovementAction;
import io.changegate.delivery.ImprovementActions;
import io.changegate.delivery.feedback.Feedback;
import io.changegate.delivery.feedback.FeedbackReport;
import io.changegate.delivery.ValueStreamReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * {@code GET /api/reports/dora.xlsx}: the DORA report as Excel. Sheet {@code Summary} (the filter, the overall tier,
 * the key that holds back, each group's keys and tiers, with a bar chart of deployments per group), one sheet per key
 * (its trend as a table and a native line chart, its value per group), {@code Value stream} (wait and work per stage as
 * bars, per group, the manual touchpoints per change type), {@code Improvement actions}, {@code Feedback} (the 72-hour
 * feedback of the changes completed in the period) and {@code Deployments}, the raw rows (times as Excel date-time
 * cells in the report's zone, named in their headers), written by SXSSF so a year of history streams through a small
 * window of rows in memory.
 */
public final class DoraWorkbook {

  public static final String SUMMARY = "Summary";
  public static final String DEPLOYMENTS = "Deployments";
  static final String[] RAW_COLUMNS = {"Change", "Service", "Team", "Environment", "Emergency", "Created",
      "Commit time", "Deployed", "Lead time (h)", "Lead time from", "Failure", "Recovery (h)", "Rework", "Status"};
  /** How the raw rows' times show: Excel date-time cells in the report's zone, which their headers name. */
  static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
  /**
   * The workbook's zip: fastest deflate. Its 70 MB of sheet XML for a year of 100,000 deployments took more than a
   * second at the default level; the file is about a third larger.
   */
  static final int ZIP_LEVEL = Deflater.BEST_SPEED;

  private DoraWorkbook() {}

  /** The sheet of each key, by its name in the API. */
  public static String sheetOf(DoraKey key) {
    return switch (key) {
      case DEPLOYMENT_FREQUENCY -> "Deployment frequency";
      case LEAD_TIME_FOR_CHANGES -> "Lead time";
      case CHANGE_FAILURE_RATE -> "Change failure rate";
      case FAILED_DEPLOYMENT_RECOVERY_TIME -> "Recovery time";
      case DEPLOYMENT_REWORK_RATE -> "Rework rate";
    };
  }

  public static final String VALUE_STREAM = "Value stream";

  public static final String ACTIONS = "Improvement actions";

  public static final String FEEDBACK = "Feedback";

  public static void write(DoraReport report, List<DoraCalculator.Assessed> rows, ValueStreamReport stream,
      ImprovementActions.Summary actions, OutputStream out) {
    write(report, rows, stream, actions, null, out);
  }

  /** As above, with the sheet {@code Feedback}: the 72-hour feedback of the changes completed in the period. */
  public static void write(DoraReport report, List<DoraCalculator.Assessed> rows, ValueStreamReport stream,
      ImprovementActions.Summary actions, FeedbackReport feedback, OutputStream out) {
    XSSFWorkbook workbook = new XSSFWorkbook();
    CellStyle bold = workbook.createCellStyle();
    Font font = workbook.createFont();
    font.setBold(true);
    bold.setFont(font);
    summary(workbook.createSheet(SUMMARY), report, bold);
    for (DoraKey key : DoraKey.values()) {
      keySheet(workbook.createSheet(sheetOf(key)), key, report, bold);
    }
    valueStream(workbook.createSheet(VALUE_STREAM), stream, bold);
    actions(workbook.createSheet(ACTIONS), actions, bold);
    if (feedback != null) {
      feedback(workbook.createSheet(FEEDBACK), feedback, bold);
    }
    // the sheets above stay as they are; the raw rows stream through a window of 200 rows, into a temporary file
    // that is not compressed (SXSSF's default: the workbook's zip compresses them once)
    SXSSFWorkbook streaming = new SXSSFWorkbook(workbook, 200, false) {
      @Override
      protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream target) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(target);
        zip.setLevel(ZIP_LEVEL);
        return zip;
      }

    };
    try {
      Sheet raw = streaming.createSheet(DEPLOYMENTS);
      ZoneId zone = ZoneId.of(report.zone());
      header(raw.createRow(0), streaming.getXSSFWorkbook().getCellStyleAt(bold.getIndex()), rawColumns(zone));
      // every cell with its style: a cell without one makes SXSSF look up its column's default style in the sheet's
      // XML as it writes it
      CellStyle plain = streaming.getCellStyleAt(0);
      CellStyle dateTime = streaming.createCellStyle();
      dateTime.setDataFormat(streaming.createDataFormat().getFormat(DATE_TIME_FORMAT));
      for (int c = 0; c < RAW_COLUMNS.length; c++) {
        raw.setColumnWidth(c, (c >= 5 && c <= 7 ? 20 : 14) * 256);
      }
      int r = 1;
      for (DoraCalculator.Assessed a : rows) {
        Row row = raw.createRow(r++);
        var d = a.deployment();
        cell(row, 0, d.changeId(), plain);
        cell(row, 1, d.service(), plain);
        cell(row, 2, d.team(), plain);
        cell(row, 3, d.environment(), plain);
        cell(row, 4, d.emergency() ? "yes" : "no", plain);
        date(row, 5, d.createdAt(), zone, dateTime);
        date(row, 6, d.commitTime(), zone, dateTime);
        date(row, 7, d.deployedAt(), zone, dateTime);
        cell(row, 8, a.leadTimeHours(), plain);
        cell(row, 9, a.leadTimeFromCommit() ? "commit" : "change creation", plain);
        cell(row, 10, a.failure() == null ? null : a.failure().name(), plain);
        cell(row, 11, a.recoveryHours(), plain);
        cell(row, 12, a.rework() ? "yes" : "no", plain);
        cell(row, 13, d.status(), plain);
      }
      streaming.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the DORA report", e);
    } finally {
      streaming.dispose();
      try {
        streaming.close();
      } catch (IOException ignored) {
        // the temporary files are gone (dispose); nothing else to release
      }
    }
  }

  private static void summary(XSSFSheet sheet, DoraReport report, CellStyle bold) {
    int r = 0;
    r = pair(sheet, r, "Period", time(report.from(), ZoneId.of(report.zone())) + " to "
        + time(report.to(), ZoneId.of(report.zone())) + " (" + report.zone() + ", end excluded)");
    r = pair(sheet, r, "Service", report.service() == null ? "all" : report.service());
    r = pair(sheet, r, "Team", report.team() == null ? "all" : report.team());
    r = pair(sheet, r, "Environment", report.environment() == null ? "all" : report.environment());
    r = pair(sheet, r, "Overall tier", report.overall().tier() == null ? "not rated" : report.overall().tier());
    r = pair(sheet, r, "Held back by", report.overall().heldBackBy() == null ? "-" : report.overall().heldBackBy());
    r = pair(sheet, r, "Lead time from", report.overall().figures().leadTimeBasis() == null ? "-"
        : report.overall().figures().leadTimeBasis());
    r++;
    int headerRow = r;
    Row header = sheet.createRow(r++);
    String[] columns = new String[3 + 2 * DoraKey.values().length + 1];
    columns[0] = report.groupBy();
    columns[1] = "Tier";
    columns[2] = "Held back by";
    int c = 3;
    for (DoraKey key : DoraKey.values()) {
      columns[c++] = key.id() + " (" + key.unit() + ")";
      columns[c++] = key.id() + " tier";
    }
    columns[c] = "Deployments";
    header(header, bold, columns);
    List<DoraReport.Summary> groups = new java.util.ArrayList<>(report.groups());
    groups.add(0, report.overall());
    for (DoraReport.Summary group : groups) {
      Row row = sheet.createRow(r++);
      text(row, 0, group.group());
      text(row, 1, group.tier());
      text(row, 2, group.heldBackBy());
      c = 3;
      for (DoraReport.KeyResult key : group.keys()) {
        number(row, c++, key.value());
        text(row, c++, key.tier());
      }
      number(row, c, (double) group.figures().deployments());
    }
    for (int i = 0; i < columns.length; i++) {
      sheet.setColumnWidth(i, 18 * 256);
    }
    if (!report.groups().isEmpty()) {
      int first = headerRow + 2;
      int last = headerRow + 1 + report.groups().size();
      bars(sheet, "Deployments per " + report.groupBy(), new CellRangeAddress(first, last, 0, 0),
          new CellRangeAddress(first, last, columns.length - 1, columns.length - 1), "Deployments", r + 1);
    }
  }

  private static void keySheet(XSSFSheet sheet, DoraKey key, DoraReport report, CellStyle bold) {
    DoraReport.KeyResult overall = report.overall().keys().get(key.ordinal());
    int r = 0;
    r = pair(sheet, r, "Key", key.id() + " (" + key.unit() + ")");
    Row value = sheet.createRow(r++);
    text(value, 0, "Value");
    number(value, 1, overall.value());
    r = pair(sheet, r, "Tier", overall.tier() == null ? "not rated" : overall.tier());
    r = pair(sheet, r, "Next tier", overall.nextTier() == null ? "-" : overall.nextTier() + " at "
        + overall.comparison() + " " + overall.nextTierBound() + " (gap " + overall.gap() + ")");
    r++;
    int first = r + 1;
    header(sheet.createRow(r++), bold, "Period from", key.id(), "Deployments");
    for (DoraReport.TrendPoint point : report.trend()) {
      Row row = sheet.createRow(r++);
      text(row, 0, point.bucket());
      number(row, 1, point.figures().value(key));
      number(row, 2, (double) point.figures().deployments());
    }
    int last = r - 1;
    r++;
    header(sheet.createRow(r++), bold, report.groupBy(), key.id(), "Tier");
    for (DoraReport.Summary group : report.groups()) {
      Row row = sheet.createRow(r++);
      text(row, 0, group.group());
      number(row, 1, group.keys().get(key.ordinal()).value());
      text(row, 2, group.keys().get(key.ordinal()).tier());
    }
    sheet.setColumnWidth(0, 22 * 256);
    sheet.setColumnWidth(1, 22 * 256);
    if (last >= first) {
      XSSFDrawing drawing = sheet.createDrawingPatriarch();
      XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 4, 0, 14, 20);
      XSSFChart chart = drawing.createChart(anchor);
      chart.setTitleText(sheetOf(key) + " (" + key.unit() + ")");
      chart.setTitleOverlay(false);
      XDDFCategoryAxis bottom = chart.createCategoryAxis(AxisPosition.BOTTOM);
      XDDFValueAxis left = chart.createValueAxis(AxisPosition.LEFT);
      left.setCrosses(AxisCrosses.AUTO_ZERO);
      XDDFDataSource<String> buckets = XDDFDataSourcesFactory.fromStringCellRange(sheet,
          new CellRangeAddress(first, last, 0, 0));
      XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
          new CellRangeAddress(first, last, 1, 1));
      XDDFChartData data = chart.createData(ChartTypes.LINE, bottom, left);
      data.addSeries(buckets, values).setTitle(key.id(), null);
      chart.plot(data);
    }
  }

  private static void valueStream(XSSFSheet sheet, ValueStreamReport stream, CellStyle bold) {
    header(sheet.createRow(0), bold, "Stage", "Rank", "Changes", "Wait median (h)", "Wait p90 (h)",
        "Work median (h)", "Work p90 (h)", "Total median (h)", "Total p90 (h)");
    int r = 1;
    for (ValueStreamReport.StageFigures f : stream.stages()) {
      Row row = sheet.createRow(r++);
      text(row, 0, f.name());
      number(row, 1, f.rank() == null ? null : f.rank().doubleValue());
      number(row, 2, (double) f.changes());
      number(row, 3, f.waitMedianHours());
      number(row, 4, f.waitP90Hours());
      number(row, 5, f.workMedianHours());
      number(row, 6, f.workP90Hours());
      number(row, 7, f.totalMedianHours());
      number(row, 8, f.totalP90Hours());
    }
    int last = r - 1;
    r++;
    header(sheet.createRow(r++), bold, "Group", "", "Changes", "Wait median (h)", "Wait p90 (h)", "Work median (h)",
        "Work p90 (h)");
    for (ValueStreamReport.StageFigures f : stream.groups()) {
      Row row = sheet.createRow(r++);
      text(row, 0, f.name());
      number(row, 2, (double) f.changes());
      number(row, 3, f.waitMedianHours());
      number(row, 4, f.waitP90Hours());
      number(row, 5, f.workMedianHours());
      number(row, 6, f.workP90Hours());
    }
    r++;
    header(sheet.createRow(r++), bold, "Change type", "", "Changes", "Human tasks", "Per change", "Without any",
        "Share without (%)");
    for (ValueStreamReport.Touchpoints t : stream.touchpoints()) {
      Row row = sheet.createRow(r++);
      text(row, 0, t.changeType());
      number(row, 2, (double) t.changes());
      number(row, 3, (double) t.humanTasks());
      number(row, 4, t.humanTasksPerChange());
      number(row, 5, (double) t.withoutHumanTask());
      number(row, 6, t.shareWithoutHumanTask());
    }
    sheet.setColumnWidth(0, 28 * 256);
    if (last >= 1) {
      XSSFDrawing drawing = sheet.createDrawingPatriarch();
      XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 10, 0, 20, 22));
      chart.setTitleText("Wait and work per change by stage (median hours)");
      chart.setTitleOverlay(false);
      chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
      XDDFCategoryAxis bottom = chart.createCategoryAxis(AxisPosition.BOTTOM);
      XDDFValueAxis left = chart.createValueAxis(AxisPosition.LEFT);
      left.setCrosses(AxisCrosses.AUTO_ZERO);
      XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, bottom, left);
      data.setBarDirection(BarDirection.BAR);
      XDDFDataSource<String> stages = XDDFDataSourcesFactory.fromStringCellRange(sheet,
          new CellRangeAddress(1, last, 0, 0));
      data.addSeries(stages, XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(1, last, 3, 3)))
          .setTitle("wait", null);
      data.addSeries(stages, XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(1, last, 5, 5)))
          .setTitle("work", null);
      chart.plot(data);
    }
  }

  private static void actions(XSSFSheet sheet, ImprovementActions.Summary actions, CellStyle bold) {
    int r = 0;
    r = pair(sheet, r, "Open", String.valueOf(actions.open()));
    r = pair(sheet, r, "Closed", String.valueOf(actions.closed()));
    r = pair(sheet, r, "Overdue", String.valueOf(actions.overdue()));
    r++;
    header(sheet.createRow(r++), bold, "Action", "Change", "Title", "Owner", "Due", "Status", "Source", "Amends",
        "Closed");
    for (ImprovementAction a : actions.actions()) {
      Row row = sheet.createRow(r++);
      text(row, 0, a.id());
      text(row, 1, a.changeId());
      text(row, 2, a.title());
      text(row, 3, a.owner());
      text(row, 4, a.dueDate() == null ? null : a.dueDate().toString());
      text(row, 5, a.status());
      text(row, 6, a.source());
      text(row, 7, a.amends());
      text(row, 8, a.closedAt() == null ? null : a.closedAt().toString());
    }
    sheet.setColumnWidth(2, 50 * 256);
  }

  private static void feedback(XSSFSheet sheet, FeedbackReport feedback, CellStyle bold) {
    int r = 0;
    r = pair(sheet, r, "Surveys", String.valueOf(feedback.surveys()));
    r = pair(sheet, r, "Answered", String.valueOf(feedback.answered()));
    r = pair(sheet, r, "Expired", String.valueOf(feedback.expired()));
    r = pair(sheet, r, "Open", String.valueOf(feedback.open()));
    r = pair(sheet, r, "Answer rate (%)", feedback.answerRatePercent() == null ? "" : feedback.answerRatePercent()
        .toString());
    r = pair(sheet, r, "Average rating (1-5)", feedback.averageRating() == null ? "" : feedback.averageRating()
        .toString());
    r++;
    header(sheet.createRow(r++), bold, "Change", "Survey", "Due", "Rating", "Comment", "Actions", "Usage",
        "Usage query", "Usage source");
    for (Feedback f : feedback.changes()) {
      Row row = sheet.createRow(r++);
      text(row, 0, f.changeId());
      text(row, 1, f.status());
      text(row, 2, f.dueAt() == null ? null : f.dueAt().toString());
      text(row, 3, f.rating() == null ? null : f.rating().toString());
      text(row, 4, f.comment());
      text(row, 5, String.join(", ", f.actions()));
      text(row, 6, f.usage() == null || f.usage().value() == null ? null : f.usage().value().toString());
      text(row, 7, f.usage() == null ? null : f.usage().query());
      text(row, 8, f.usage() == null ? null : f.usage().source());
    }
    sheet.setColumnWidth(4, 50 * 256);
  }

  private static void bars(XSSFSheet sheet, String title, CellRangeAddress categories, CellRangeAddress values,
      String series, int anchorRow) {
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, anchorRow, 8, anchorRow + 18);
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText(title);
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    XDDFCategoryAxis bottom = chart.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis left = chart.createValueAxis(AxisPosition.LEFT);
    left.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, bottom, left);
    data.setBarDirection(BarDirection.COL);
    data.addSeries(XDDFDataSourcesFactory.fromStringCellRange(sheet, categories),
        XDDFDataSourcesFactory.fromNumericCellRange(sheet, values)).setTitle(series, null);
    chart.plot(data);
  }

  private static int pair(Sheet sheet, int r, String label, String value) {
    Row row = sheet.createRow(r);
    text(row, 0, label);
    text(row, 1, value);
    return r + 1;
  }

  private static void header(Row row, CellStyle style, String... names) {
    for (int i = 0; i < names.length; i++) {
      Cell cell = row.createCell(i);
      cell.setCellValue(names[i]);
      cell.setCellStyle(style);
    }
  }

  private static void text(Row row, int column, String value) {
    if (value != null) {
      row.createCell(column).setCellValue(value);
    }
  }

  private static void number(Row row, int column, Double value) {
    if (value != null) {
      row.createCell(column).setCellValue(value);
    }
  }


  /** The raw sheet's header: the columns of times name the zone they are shown in. */
  static String[] rawColumns(ZoneId zone) {
    String[] columns = RAW_COLUMNS.clone();
    for (int c = 5; c <= 7; c++) {
      columns[c] = RAW_COLUMNS[c] + " (" + zone.getId() + ")";
    }
    return columns;
  }

  private static void cell(Row row, int column, String value, CellStyle style) {
    if (value != null) {
      Cell cell = row.createCell(column);
      cell.setCellValue(value);
      cell.setCellStyle(style);
    }
  }

  private static void cell(Row row, int column, Double value, CellStyle style) {
    if (value != null) {
      Cell cell = row.createCell(column);
      cell.setCellValue(value);
      cell.setCellStyle(style);
    }
  }

  private static void date(Row row, int column, Instant value, ZoneId zone, CellStyle style) {
    if (value != null) {
      Cell cell = row.createCell(column);
      cell.setCellValue(LocalDateTime.ofInstant(value, zone));
      cell.setCellStyle(style);
    }
  }

  private static String time(Instant instant, ZoneId zone) {
    return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
  }

}
