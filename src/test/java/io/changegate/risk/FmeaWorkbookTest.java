package io.changegate.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook both ways (writer, reader) and the shared validator, without Spring (HTTP cases: FmeaApiTest). */
class FmeaWorkbookTest {

  private final FmeaValidator validator = new FmeaValidator(new ObjectMapper());
  private final FmeaWorkbookWriter writer = new FmeaWorkbookWriter();
  private final FmeaWorkbookReader reader = new FmeaWorkbookReader(validator);
  private final Change change = new Change("CHG-000042", "Move payments", null, "payments-api", "production",
      new Artifact("payments-api", "1.4.2", null), Level.MEDIUM, Level.LOW, false, false, null, false, null, null,
      null, List.of(), null, null, false, "requester", ChangeStatus.IN_REVIEW, ChangeType.NORMAL, "no template",
      null, Instant.now(), Instant.now());

  @Test
  void aWrittenWorksheetReadsBackAsTheSameRowsWithTheirRpn() {
    List<FmeaRow> rows = List.of(
        new FmeaRow("Migration", "Blocks writes", "Payments fail", "Lock timeout", 6, 5, 7, "Canary", "lock_timeout",
            "dba"),
        new FmeaRow("Client", "v1 payloads", "400s", "Old SDK", 4, 2, 2, null, null, null));

    FmeaValidator.Validated read = reader.read(writer.write(change, rows));

    assertThat(read.errors()).isEmpty();
    assertThat(read.rows()).isEqualTo(rows);
    assertThat(read.rows()).extracting(FmeaRow::rpn).containsExactly(210, 16);
  }

  @Test
  void theRpnIsComputedWhateverTheInputSays() {
    FmeaRow row = new FmeaRow("s", "f", "e", "c", 2, 3, 4, 999, null, null, null);

    assertThat(row.rpn()).isEqualTo(24);
    FmeaValidator.Validated form = validator.fromVariable(
        "[{\"step\":\"s\",\"failureMode\":\"f\",\"effect\":\"e\",\"cause\":\"c\",\"severity\":2,\"occurrence\":\"3\","
            + "\"detection\":4.0,\"rpn\":1}]");
    assertThat(form.errors()).isEmpty();
    assertThat(form.rows()).singleElement().extracting(FmeaRow::rpn).isEqualTo(24);
  }

  @Test
  void columnsAreFoundByTheirHeaderInAnyOrderAndNumbersInTextColumnsAreText() throws IOException {
    byte[] bytes;
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("FMEA");
      String[] headers = {"Owner", "Severity", "occurrence", "DETECTION (D)", "Failure Mode", "Step/Component",
          "Effect", "Cause", "Current controls", "Recommended action", "Notes"};
      Row head = sheet.createRow(0);
      for (int c = 0; c < headers.length; c++) {
        head.createCell(c).setCellValue(headers[c]);
      }
      Row row = sheet.createRow(3);
      row.createCell(0).setCellValue(4711);
      row.createCell(1).setCellValue(" 5 ");
      row.createCell(2).setCellValue(2);
      row.createCell(3).setCellValue(3.0);
      row.createCell(4).setCellValue("Cache cold");
      row.createCell(5).setCellValue("Cache");
      row.createCell(6).setCellValue("Slow");
      row.createCell(7).setCellValue("Restart");
      book.write(out);
      bytes = out.toByteArray();
    }

    FmeaValidator.Validated read = reader.read(bytes);

    assertThat(read.errors()).isEmpty();
    assertThat(read.rows()).containsExactly(
        new FmeaRow("Cache", "Cache cold", "Slow", "Restart", 5, 2, 3, null, null, "4711"));
  }

  @Test
  void tooManyRowsAndTooLongTextsAreRefused() {
    String longText = "x".repeat(501);
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i <= FmeaValidator.MAX_ROWS; i++) {
      list.append(i == 0 ? "" : ",").append("{\"step\":\"s\",\"failureMode\":\"f\",\"effect\":\"e\",\"cause\":\"c\","
          + "\"severity\":1,\"occurrence\":1,\"detection\":1}");
    }
    assertThat(validator.fromVariable(list.append("]").toString()).errors()).singleElement()
        .extracting(WorksheetError::message).asString().contains("at most 200");

    FmeaValidator.Validated tooLong = validator.fromVariable("[{\"step\":\"s\",\"failureMode\":\"" + longText
        + "\",\"effect\":\"e\",\"cause\":\"c\",\"severity\":1,\"occurrence\":1,\"detection\":1}]");
    assertThat(tooLong.errors()).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("fmea[0].failureMode");
      assertThat(e.message()).contains("at most 500");
    });
    assertThat(validator.fromVariable("{\"step\":\"s\"}").errors()).singleElement()
        .extracting(WorksheetError::message).asString().contains("JSON list");
  }
}
