package io.changegate.risk;

import io.changegate.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.change.ChangeProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The FMEA worksheet over real HTTP with HTTP Basic: the Excel round-trip ({@code GET .../fmea.xlsx},
 * {@code PUT .../fmea}), every kind of bad workbook (400 naming sheet, row and column, nothing stored), who may
 * upload and when, and the hand-over to the process when the requester completes the task.
 */
@ChangegateIntegrationTest
class FmeaApiTest {

  static final String XLSX = FmeaWorkbook.CONTENT_TYPE;

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;
  @Autowired JdbcClient jdbc;

  // ------------------------------------------------------------------ helpers

  /**
   * A normal change by {@code requester} whose FMEA is open for editing. While normal-change does not call
   * fmea-review yet, the review is started here as normal-change will (business key and changeId); once it does,
   * the task normal-change opened is used.
   */
  private String changeWithOpenFmea(String title) {
    Http.Response created = Http.as(port, "requester").post("/api/changes", Changes.normal(title));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    if (normalChangeCallsFmeaReview()) {
      Await.until(Duration.ofSeconds(20), () -> fillTask(id), t -> t != null, "the FMEA task of " + id);
    } else {
      runtime.createProcessInstanceByKey(FmeaProcess.FMEA_REVIEW).businessKey(id)
          .setVariable(ChangeProcess.CHANGE_ID.name(), id).execute();
    }
    assertThat(fillTask(id)).isNotNull();
    return id;
  }

  private boolean normalChangeCallsFmeaReview() {
    var definition = repository.createProcessDefinitionQuery().processDefinitionKey(ChangeProcess.NORMAL_CHANGE)
        .latestVersion().singleResult();
    return repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(CallActivity.class).stream()
        .anyMatch(c -> FmeaProcess.FMEA_REVIEW.equals(c.getCalledElement()));
  }

  private Task fillTask(String changeId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(FmeaProcess.TASK_FILL_WORKSHEET).singleResult();
  }

  private Http.Response download(String user, String changeId) {
    return Http.as(port, user).send(Http.as(port, user).request("/api/changes/" + changeId + "/fmea.xlsx").GET());
  }

  private byte[] downloadBytes(String user, String changeId) {
    try {
      var response = java.net.http.HttpClient.newHttpClient().send(
          Http.as(port, user).request("/api/changes/" + changeId + "/fmea.xlsx").GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Http.Response upload(String user, String changeId, byte[] body, String contentType) {
    return Http.as(port, user).send(Http.as(port, user).request("/api/changes/" + changeId + "/fmea")
        .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The template with rows written into it: each row is the cells from column A (null leaves a cell empty). */
  private static byte[] filled(byte[] template, Consumer<XSSFWorkbook> edit) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      edit.accept(workbook);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Consumer<XSSFWorkbook> rows(Object[]... rows) {
    return workbook -> {
      Sheet sheet = workbook.getSheet(FmeaWorkbook.SHEET);
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.getRow(r + 1) == null ? sheet.createRow(r + 1) : sheet.getRow(r + 1);
        Object[] values = rows[r];
        for (int c = 0; c < values.length; c++) {
          if (values[c] == null) {
            continue;
          }
          Cell cell = row.getCell(c) == null ? row.createCell(c) : row.getCell(c);
          if (values[c] instanceof Number n) {
            cell.setCellValue(n.doubleValue());
          } else if (values[c] instanceof String s && s.startsWith("=")) {
            cell.setCellFormula(s.substring(1));
          } else {
            cell.setCellValue(values[c].toString());
          }
        }
      }
    };
  }

  /** A row of the template's layout: A step, B failure mode, C effect, D cause, E S, F O, G D, H RPN, I-K. */
  private static Object[] row(String failureMode, Object s, Object o, Object d) {
    return new Object[] {"Database migration", failureMode, "Payments fail", "Lock timeout", s, o, d, null,
        "Canary", "Add lock_timeout", "dba-team"};
  }

  private long storedRows(String changeId) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_fmea_row WHERE change_id = ?").param(changeId)
        .query(Long.class).single();
  }

  private long auditEntries(String changeId, String action) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE change_id = ? AND action = ?")
        .params(changeId, action).query(Long.class).single();
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static JsonNode errorAt(JsonNode problem, String field) {
    for (JsonNode e : problem.path("errors")) {
      if (field.equals(e.path("field").asText())) {
        return e;
      }
    }
    throw new AssertionError("no error at " + field + " in " + problem);
  }

  // ------------------------------------------------------------------ the round-trip

  @Test
  void theWorkbookRoundTripsAndTheSubmittedWorksheetGetsItsRiskLevel() throws IOException {
    String id = changeWithOpenFmea("Move payments to the new ledger");

    // an empty template for a change without a worksheet
    byte[] template = downloadBytes("requester", id);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
      XSSFSheet sheet = workbook.getSheet(FmeaWorkbook.SHEET);
      List<String> headers = new ArrayList<>();
      sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
      assertThat(headers).containsExactly("Step / component", "Failure mode", "Effect", "Cause", "Severity (S)",
          "Occurrence (O)", "Detection (D)", "RPN (S×O×D)", "Current controls", "Recommended action", "Owner");
      assertThat(sheet.getRow(1).getCell(7).getCellType()).isEqualTo(CellType.FORMULA);
      assertThat(sheet.getRow(1).getCell(7).getCellFormula()).contains("E2*F2*G2");
      assertThat(sheet.getRow(1).getCell(0)).isNull();
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
      assertThat(sheet.getDataValidations()).singleElement().satisfies(v -> {
        assertThat(v.getValidationConstraint().getExplicitListValues())
            .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(v.getRegions().getCellRangeAddress(0).formatAsString()).isEqualTo("E2:G201");
      });
      assertThat(sheet.getColumnWidth(1)).isGreaterThan(sheet.getColumnWidth(4));
      Sheet instructions = workbook.getSheet(FmeaWorkbook.INSTRUCTIONS);
      assertThat(instructions).isNotNull();
      assertThat(instructions.getRow(0).getCell(0).getStringCellValue()).contains(id);
    }

    // the requester fills it in and uploads it
    byte[] filled = filled(template, rows(row("Migration blocks writes", 6, 5, 7),
        row("Old client sends v1 payloads", 4, 2, 2)));
    Http.Response uploaded = upload("requester", id, filled, XLSX);

    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
    JsonNode preview = uploaded.json();
    assertThat(preview.path("rows")).hasSize(2);
    assertThat(preview.path("rows").get(0).path("rpn").asInt()).isEqualTo(210);
    assertThat(preview.path("rows").get(0).path("owner").asText()).isEqualTo("dba-team");
    assertThat(preview.path("rows").get(1).path("rpn").asInt()).isEqualTo(16);
    assertThat(preview.path("maxRpn").asInt()).isEqualTo(210);
    assertThat(preview.path("riskLevel").asText()).isEqualTo("HIGH");
    assertThat(preview.path("riskReason").asText()).contains("RPN 210");
    assertThat(storedRows(id)).isEqualTo(2);
    assertThat(auditEntries(id, AuditAction.FMEA_SAVED.name())).isOne();
    // the Tasklist form of the open task shows the uploaded rows
    assertThat(String.valueOf(tasks.getVariable(fillTask(id).getId(), FmeaProcess.FMEA.name())))
        .contains("Migration blocks writes").contains("\"rpn\":210");

    // anyone who may read the change downloads the worksheet, RPN computed
    try (XSSFWorkbook again = new XSSFWorkbook(new ByteArrayInputStream(downloadBytes("auditor", id)))) {
      Sheet sheet = again.getSheet(FmeaWorkbook.SHEET);
      assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Migration blocks writes");
      assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(6);
      assertThat(sheet.getRow(1).getCell(7).getNumericCellValue()).isEqualTo(210);
      assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Old client sends v1 payloads");
      assertThat(sheet.getRow(2).getCell(7).getNumericCellValue()).isEqualTo(16);
      assertThat(sheet.getRow(3).getCell(1)).isNull();
    }

    // over /engine-rest, as Tasklist does: the engine checks the worksheet with the same rules
    String taskId = fillTask(id).getId();
    Http.Response refused = Http.as(port, "requester").post("/engine-rest/task/" + taskId + "/complete",
        "{\"variables\": {\"fmea\": {\"value\": \"[{\\\"step\\\": \\\"x\\\", \\\"severity\\\": 12}]\", \"type\": \"Json\"}}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("fmea[0].severity").contains("not 12")
        .contains("fmea[0].failureMode: is required");
    assertThat(fillTask(id)).isNotNull();
    assertThat(storedRows(id)).isEqualTo(2);

    Http.Response completed = Http.as(port, "requester").post("/engine-rest/task/" + taskId + "/complete", "{}");
    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);

    JsonNode change = Await.until(Duration.ofSeconds(30), () -> Http.as(port, "requester").get("/api/changes/" + id).json(),
        c -> "HIGH".equals(c.path("riskLevel").asText()), "the risk level of " + id);
    List<String> events = new ArrayList<>();
    change.path("timeline").forEach(e -> events.add(e.path("event").asText()));
    assertThat(events).containsSubsequence("FMEA_SAVED", "FMEA_SAVED", "FMEA_ASSESSED");
    JsonNode assessed = null;
    for (JsonNode e : change.path("timeline")) {
      if ("FMEA_ASSESSED".equals(e.path("event").asText())) {
        assessed = e.path("details");
      }
    }
    assertThat(assessed.path("riskLevel").asText()).isEqualTo("HIGH");
    assertThat(assessed.path("maxRpn").asInt()).isEqualTo(210);
    assertThat(Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(FmeaProcess.TASK_ASSESS).taskCandidateGroup("cab").count(), n -> n == 1, "assessment"))
        .isOne();

    // the worksheet is closed now: no more uploads
    Http.Response closed = upload("requester", id, filled, XLSX);
    assertThat(closed.status()).as(closed.toString()).isEqualTo(409);
    assertThat(closed.header("Content-Type")).startsWith("application/problem+json");
  }

  // ------------------------------------------------------------------ who and when

  @Test
  void onlyTheRequesterUploadsAndOnlyWhileTheWorksheetIsOpenButAnyoneReads() {
    String id = changeWithOpenFmea("Rotate signing keys");
    byte[] filled = filled(downloadBytes("requester", id), rows(row("Old key still cached", 5, 3, 3)));

    Http.Response other = upload("reviewer", id, filled, XLSX);
    assertThat(other.status()).as(other.toString()).isEqualTo(403);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    assertThat(other.json().path("detail").asText()).contains("requester");
    Http.Response cab = upload("cab-chair", id, filled, XLSX);
    assertThat(cab.status()).isEqualTo(403);
    assertThat(storedRows(id)).isZero();

    assertThat(download("auditor", id).status()).isEqualTo(200);
    assertThat(download("cab-chair", id).status()).isEqualTo(200);
    assertThat(Http.anonymous(port).get("/api/changes/" + id + "/fmea.xlsx").status()).isEqualTo(401);
    Http.Response unknown = download("requester", "CHG-999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");

    // a standard change has no FMEA to edit
    String standard = Http.as(port, "requester").post("/api/changes", Changes.standard("Toggle flag"))
        .json().path("id").asText();
    Http.Response conflict = upload("requester", standard, filled, XLSX);
    assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
    assertThat(conflict.json().path("detail").asText()).contains("not open for editing");
    assertThat(storedRows(standard)).isZero();

    Http.Response csvType = upload("requester", id, filled, "text/csv");
    assertThat(csvType.status()).isEqualTo(415);
    assertThat(upload("requester", id, filled, "application/octet-stream").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ bad workbooks

  /** Uploads a bad workbook: 400 problem+json, nothing stored, the task's form untouched. */
  private JsonNode refused(String id, byte[] body) {
    Http.Response response = upload("requester", id, body, XLSX);
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("type").asText()).isEqualTo("https://changegate.io/problems/invalid-request");
    assertThat(problem.path("detail").asText()).contains("nothing was stored");
    assertThat(storedRows(id)).isZero();
    assertThat(auditEntries(id, AuditAction.FMEA_SAVED.name())).isZero();
    assertThat(tasks.getVariable(fillTask(id).getId(), FmeaProcess.FMEA.name())).isNull();
    return problem;
  }

  @Test
  void aFileThatIsNotAnXlsxIsRefused() throws IOException {
    String id = changeWithOpenFmea("Not a workbook");

    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    assertThat(errorAt(refused(id, random), "(workbook)").path("message").asText())
        .contains("not an Excel workbook (.xlsx)");

    byte[] csv = "Step,Failure mode,Severity\nMigration,Blocks writes,9\n".getBytes(StandardCharsets.UTF_8);
    assertThat(errorAt(refused(id, csv), "(workbook)").path("message").asText()).contains("CSV");

    byte[] xls;
    try (HSSFWorkbook old = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      old.createSheet(FmeaWorkbook.SHEET).createRow(0).createCell(0).setCellValue("Step / component");
      old.write(out);
      xls = out.toByteArray();
    }
    assertThat(errorAt(refused(id, xls), "(workbook)").path("message").asText()).contains(".xls").contains(".xlsx");

    byte[] zipNotXlsx = zip(Map.of("hello.txt", "not a workbook".getBytes(StandardCharsets.UTF_8)));
    assertThat(errorAt(refused(id, zipNotXlsx), "(workbook)").path("message").asText())
        .contains("cannot be read as an Excel workbook");

    assertThat(errorAt(refused(id, new byte[0]), "(workbook)").path("message").asText()).contains("empty");
  }

  @Test
  void aMissingColumnAndAMissingSheetAreNamed() {
    String id = changeWithOpenFmea("Missing column");
    byte[] template = downloadBytes("requester", id);

    byte[] noDetection = filled(template, rows(row("Blocks writes", 5, 5, 5)).andThen(workbook ->
        workbook.getSheet(FmeaWorkbook.SHEET).getRow(0).getCell(6).setCellValue("Notes")));
    JsonNode problem = refused(id, noDetection);
    JsonNode missing = errorAt(problem, "FMEA!1");
    assertThat(missing.path("sheet").asText()).isEqualTo("FMEA");
    assertThat(missing.path("row").asInt()).isEqualTo(1);
    assertThat(missing.path("column").asText()).isEqualTo("Detection (D)");
    assertThat(missing.path("message").asText()).contains("has no column 'Detection (D)'");

    byte[] renamed = filled(template, workbook -> workbook.setSheetName(0, "Sheet1"));
    assertThat(errorAt(refused(id, renamed), "(workbook)").path("message").asText())
        .contains("no sheet named 'FMEA'").contains("'Sheet1'");
  }

  @Test
  void everyBadCellIsReportedAtOnceWithItsSheetRowAndColumn() {
    String id = changeWithOpenFmea("Bad scores");
    byte[] bad = filled(downloadBytes("requester", id), rows(
        row("Blocks writes", "high", 0, 11),
        row("", 3.5, 2, "=1+1"),
        row("Fine row", 2, 2, 2)));

    JsonNode problem = refused(id, bad);

    assertThat(fields(problem)).containsExactlyInAnyOrder("FMEA!E2", "FMEA!F2", "FMEA!G2", "FMEA!B3", "FMEA!E3",
        "FMEA!G3");
    JsonNode text = errorAt(problem, "FMEA!E2");
    assertThat(text.path("sheet").asText()).isEqualTo("FMEA");
    assertThat(text.path("row").asInt()).isEqualTo(2);
    assertThat(text.path("column").asText()).isEqualTo("Severity (S)");
    assertThat(text.path("cell").asText()).isEqualTo("E2");
    assertThat(text.path("message").asText()).contains("not the text 'high'");
    assertThat(errorAt(problem, "FMEA!F2").path("message").asText()).contains("from 1 to 10, not 0");
    assertThat(errorAt(problem, "FMEA!G2").path("message").asText()).contains("from 1 to 10, not 11");
    assertThat(errorAt(problem, "FMEA!G2").path("column").asText()).isEqualTo("Detection (D)");
    JsonNode empty = errorAt(problem, "FMEA!B3");
    assertThat(empty.path("column").asText()).isEqualTo("Failure mode");
    assertThat(empty.path("row").asInt()).isEqualTo(3);
    assertThat(empty.path("message").asText()).isEqualTo("is required");
    assertThat(errorAt(problem, "FMEA!E3").path("message").asText()).contains("not 3.5");
    assertThat(errorAt(problem, "FMEA!G3").path("message").asText()).contains("is a formula");
    assertThat(problem.path("detail").asText()).contains("6 errors");
  }

  @Test
  void aWorkbookWithoutAnyFailureModeIsRefused() {
    String id = changeWithOpenFmea("Empty worksheet");

    JsonNode problem = refused(id, downloadBytes("requester", id));

    assertThat(problem.path("errors")).hasSize(1);
    JsonNode error = problem.path("errors").get(0);
    assertThat(error.path("sheet").asText()).isEqualTo("FMEA");
    assertThat(error.path("row").asInt()).isEqualTo(2);
    assertThat(error.path("message").asText()).contains("at least one failure mode");
  }

  @Test
  void anOversizedFileIsRefusedUnreadAndAZipBombUnexpanded() {
    String id = changeWithOpenFmea("Too big");

    byte[] big = new byte[FmeaWorkbook.MAX_BYTES + 1];
    big[0] = 'P';
    big[1] = 'K';
    Http.Response tooLarge = upload("requester", id, big, XLSX);
    assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
    assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
    assertThat(tooLarge.json().path("detail").asText()).contains("2 MB");
    assertThat(storedRows(id)).isZero();

    // a valid workbook with one more part: 60 MB of zeros that deflate to some 60 kB
    byte[] workbook = filled(downloadBytes("requester", id), rows(row("Blocks writes", 5, 5, 5)));
    byte[] bomb = withExtraEntry(workbook, "xl/media/bomb.bin", new byte[60 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(FmeaWorkbook.MAX_BYTES);
    assertThat(errorAt(refused(id, bomb), "(workbook)").path("message").asText()).contains("zip bomb");
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] withExtraEntry(byte[] xlsx, String name, byte[] content) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          zip.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(zip);
          zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
