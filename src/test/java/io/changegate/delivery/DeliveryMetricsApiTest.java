package io.changegate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.delivery.report.DoraWorkbook;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/metrics/dora} and {@code /api/reports/dora.xlsx} over real HTTP: exact figures and tiers of a known
 * history, problem+json for a bad period, who may read them, and the workbook read back (charts present, figures as
 * the API gives them).
 */
@ChangegateIntegrationTest
class DeliveryMetricsApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  @Autowired DoraGauges gauges;
  @Autowired java.time.Clock clock;

  String service;
  String query;

  /**
   * One service, March 2025 (two weeks): P1 3 h from commit, P2 24 h from creation, rolled back with an incident, P3
   * 5 h from commit, the fix 6 h after P2; one staging deployment the production figures leave out.
   */
  @BeforeEach
  void knownHistory() {
    service = "dora-" + Long.toString(System.nanoTime(), 36);
    String p = "CHG-9" + Long.toString(System.nanoTime() % 100_000_000L);
    DeliveryHistoryFixture fixture = new DeliveryHistoryFixture(jdbc);
    fixture.deployment(p + "1", service, "payments", "production", false, "2025-03-01T00:00:00Z",
        "2025-03-03T07:00:00Z", "2025-03-03T10:00:00Z", "COMPLETED", null);
    fixture.deployment(p + "2", service, "payments", "production", false, "2025-03-04T00:00:00Z", null,
        "2025-03-05T00:00:00Z", "ROLLED_BACK", "2025-03-05T01:00:00Z");
    fixture.deployment(p + "3", service, "ledger", "production", false, "2025-03-04T00:00:00Z",
        "2025-03-05T01:00:00Z", "2025-03-05T06:00:00Z", "COMPLETED", null);
    fixture.deployment(p + "4", service, "payments", "staging", false, "2025-03-04T00:00:00Z", null,
        "2025-03-04T06:00:00Z", "COMPLETED", null);
    query = "service=" + service + "&from=2025-03-02&to=2025-03-15";
  }

  @Test
  void theFiguresAndTiersOfAKnownHistory() {
    Http.Response response = Http.as(port, "auditor").get("/api/metrics/dora?" + query);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode report = response.json();
    assertThat(report.path("environment").asText()).isEqualTo("production");
    assertThat(report.path("from").asText()).isEqualTo("2025-03-02T00:00:00Z");
    assertThat(report.path("to").asText()).isEqualTo("2025-03-16T00:00:00Z");
    JsonNode f = report.path("overall").path("figures");
    assertThat(f.path("deployments").asInt()).isEqualTo(3);
    assertThat(f.path("deploymentsPerWeek").asDouble()).isEqualTo(1.5);
    assertThat(f.path("leadTimeMedianHours").asDouble()).isEqualTo(5.0);
    assertThat(f.path("leadTimeBasis").asText()).isEqualTo("MIXED");
    assertThat(f.path("changeFailureRate").asDouble()).isEqualTo(33.333);
    assertThat(f.path("failedRolledBack").asInt()).isEqualTo(1);
    assertThat(f.path("recoveryMedianHours").asDouble()).isEqualTo(6.0);
    assertThat(f.path("reworkRate").asDouble()).isEqualTo(0.0);
    List<String> tiers = new ArrayList<>();
    report.path("overall").path("keys").forEach(k -> tiers.add(k.path("key").asText() + "=" + k.path("tier").asText("-")));
    assertThat(tiers).containsExactly("deploymentFrequency=HIGH", "leadTimeForChanges=ELITE",
        "changeFailureRate=MEDIUM", "failedDeploymentRecoveryTime=HIGH", "deploymentReworkRate=-");
    assertThat(report.path("overall").path("tier").asText()).isEqualTo("MEDIUM");
    assertThat(report.path("overall").path("heldBackBy").asText()).isEqualTo("changeFailureRate");
    JsonNode cfr = report.path("overall").path("keys").get(2);
    assertThat(cfr.path("nextTier").asText()).isEqualTo("HIGH");
    assertThat(cfr.path("nextTierBound").asDouble()).isEqualTo(20.0);
    assertThat(cfr.path("gap").asDouble()).isEqualTo(13.333);

    JsonNode byTeam = Http.as(port, "cab-chair").get("/api/metrics/dora?" + query + "&groupBy=team").json();
    assertThat(byTeam.path("groups").findValuesAsText("group")).containsExactly("ledger", "payments");
    JsonNode staging = Http.as(port, "ops-engineer").get("/api/metrics/dora?" + query + "&environment=staging").json();
    assertThat(staging.path("overall").path("figures").path("deployments").asInt()).isEqualTo(1);
    JsonNode team = Http.as(port, "auditor").get("/api/metrics/dora?" + query + "&team=ledger").json();
    assertThat(team.path("overall").path("figures").path("deployments").asInt()).isEqualTo(1);
    JsonNode empty = Http.as(port, "auditor")
        .get("/api/metrics/dora?service=" + service + "&from=2024-01-01&to=2024-01-31").json();
    assertThat(empty.path("overall").path("figures").path("deployments").asInt()).isZero();
    assertThat(empty.path("overall").path("tier").asText()).isEqualTo("LOW");
  }

  @Test
  void theValueStreamComesFromTheEnginesHistory() throws Exception {
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String standard = Http.as(port, "requester").post("/api/changes", Changes.standard("Value stream standard"))
        .json().path("id").asText();
    Await.until(Duration.ofSeconds(30), () -> Http.as(port, "auditor").get("/api/changes/" + standard).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED"), standard + " to finish");
    String normal = Http.as(port, "requester").post("/api/changes", Changes.normal("Value stream normal")).json()
        .path("id").asText();
    // the worksheet task follows the intake's answer in the engine's next job
    Task fmea = new io.changegate.support.Reviews(port, tasks).awaitTask(normal, io.changegate.support.Reviews.FILL_FMEA);
    tasks.claim(fmea.getId(), "requester");
    assertThat(Http.as(port, "requester").post("/api/changes/" + normal + "/cancel", Http.map("reason", "not now"))
        .status()).isEqualTo(200);

    JsonNode staging = Http.as(port, "ops-engineer").get("/api/metrics/value-stream?service=payments-api"
        + "&environment=staging&from=" + today + "&to=" + today).json();
    JsonNode production = Http.as(port, "auditor").get("/api/metrics/value-stream?service=payments-api&from="
        + today + "&to=" + today).json();

    assertThat(staging.path("stages").findValuesAsText("name")).contains("classification", "rollout", "validation");
    assertThat(staging.path("bottlenecks").size()).isBetween(1, 3);
    JsonNode standardTouchpoints = null;
    for (JsonNode t : staging.path("touchpoints")) {
      if ("STANDARD".equals(t.path("changeType").asText())) {
        standardTouchpoints = t;
      }
    }
    assertThat(standardTouchpoints).as(staging.toString()).isNotNull();
    assertThat(standardTouchpoints.path("withoutHumanTask").asInt()).isPositive();
    assertThat(production.path("stages").findValuesAsText("name")).contains("FMEA");
    assertThat(production.path("environment").asText()).isEqualTo("production");
    assertThat(Http.as(port, "reviewer").get("/api/metrics/value-stream").status()).isEqualTo(403);
    try (XSSFWorkbook workbook = xlsx("service=payments-api&environment=staging&from=" + today + "&to=" + today)) {
      XSSFSheet sheet = workbook.getSheet("Value stream");
      assertThat(sheet.getDrawingPatriarch().getCharts()).hasSize(1);
      List<String> names = new ArrayList<>();
      for (int r = 1; r <= staging.path("stages").size(); r++) {
        names.add(sheet.getRow(r).getCell(0).getStringCellValue());
      }
      assertThat(names).isEqualTo(staging.path("stages").findValuesAsText("name"));
    }
    assertThat(Http.as(port, "auditor").get("/api/metrics/value-stream?to=2025-13-01").status()).isEqualTo(400);
  }

  @Test
  void theRawRowsHoldTheirTimesAsDatesInTheReportsZone() throws Exception {
    try (XSSFWorkbook workbook = xlsx(query + "&zone=Europe/Berlin")) {
      XSSFSheet raw = workbook.getSheet(DoraWorkbook.DEPLOYMENTS);
      DataFormatter text = new DataFormatter();
      assertThat(text.formatCellValue(raw.getRow(0).getCell(5))).isEqualTo("Created (Europe/Berlin)");
      assertThat(text.formatCellValue(raw.getRow(0).getCell(6))).isEqualTo("Commit time (Europe/Berlin)");
      assertThat(text.formatCellValue(raw.getRow(0).getCell(7))).isEqualTo("Deployed (Europe/Berlin)");
      // P1: created 1 March 00:00 UTC, committed and deployed 3 March 07:00 and 10:00 UTC; Berlin is UTC+1 then
      Row first = raw.getRow(1);
      assertThat(text.formatCellValue(first.getCell(0))).endsWith("1");
      for (int c = 5; c <= 7; c++) {
        assertThat(first.getCell(c).getCellType()).as("column %d", c).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(first.getCell(c))).as("column %d", c).isTrue();
      }
      assertThat(first.getCell(5).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2025-03-01T01:00:00"));
      assertThat(first.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2025-03-03T08:00:00"));
      assertThat(first.getCell(7).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2025-03-03T11:00:00"));
      assertThat(text.formatCellValue(first.getCell(7))).isEqualTo("2025-03-03 11:00:00");
      // P2 came without a commit: no commit time
      assertThat(raw.getRow(2).getCell(6)).isNull();
      assertThat(raw.getRow(2).getCell(7).getLocalDateTimeCellValue())
          .isEqualTo(LocalDateTime.parse("2025-03-05T01:00:00"));
    }
  }

  private XSSFWorkbook xlsx(String query) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/reports/dora.xlsx?" + query))
        .header("Authorization", Http.basic("auditor", "auditor")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return new XSSFWorkbook(new ByteArrayInputStream(response.body()));
  }

  @Test
  void prometheusGaugesPerServiceCarryTheLast30Days() {
    String recent = "dora-g-" + Long.toString(System.nanoTime(), 36);
    java.time.Instant twoDaysAgo = clock.instant().minus(Duration.ofDays(2));
    new DeliveryHistoryFixture(jdbc).deployment("CHG-8" + Long.toString(System.nanoTime() % 100_000_000L), recent,
        "payments", "production", false, twoDaysAgo.minus(Duration.ofHours(3)).toString(), null,
        twoDaysAgo.toString(), "COMPLETED", null);

    gauges.refresh();

    String scrape = Http.metrics(port).body();
    String tags = "{environment=\"production\",service=\"" + recent + "\"}";
    // one deployment in 30 days: 1 / (30 / 7) = 0.233 a week (LOW); lead time 3 h (ELITE)
    assertThat(scrape).contains("changegate_dora_deployments_per_week" + tags + " 0.233");
    assertThat(scrape).contains("changegate_dora_lead_time_hours" + tags + " 3.0");
    assertThat(scrape).contains("changegate_dora_change_failure_rate_percent" + tags + " 0.0");
    assertThat(scrape).doesNotContain("changegate_dora_recovery_time_hours" + tags);
    assertThat(scrape).contains("changegate_dora_tier" + tags + " 2.0");
  }

  @Test
  void aBadPeriodIsAProblemWithEveryField() {
    Http.Response bad = Http.as(port, "auditor").get("/api/metrics/dora?from=2025-02-30&to=soon&zone=Nowhere/City");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("from", "to", "zone");
    Http.Response reversed = Http.as(port, "auditor").get("/api/metrics/dora?from=2025-03-02&to=2025-03-01");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().path("errors").get(0).path("message").asText()).contains("after from");
    assertThat(Http.as(port, "auditor").get("/api/metrics/dora?groupBy=colour").status()).isEqualTo(400);
    assertThat(Http.as(port, "auditor").get("/api/reports/dora.xlsx?from=yesterday").status()).isEqualTo(400);
  }

  @Test
  void releaseManagersTheCabAndAuditorsReadMetricsDevelopersDoNot() {
    assertThat(Http.as(port, "ops-lead").get("/api/metrics/dora?" + query).status()).isEqualTo(200);
    assertThat(Http.as(port, "process-owner").get("/api/metrics/dora?" + query).status()).isEqualTo(200);
    assertThat(Http.as(port, "requester").get("/api/metrics/dora?" + query).status()).isEqualTo(403);
    assertThat(Http.as(port, "requester").get("/api/reports/dora.xlsx?" + query).status()).isEqualTo(403);
    assertThat(Http.anonymous(port).get("/api/metrics/dora?" + query).status()).isEqualTo(401);
  }

  @Test
  void theExcelReportHasChartsAndTheFiguresOfTheApi() throws Exception {
    JsonNode api = Http.as(port, "auditor").get("/api/metrics/dora?" + query).json();
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/reports/dora.xlsx?" + query))
        .header("Authorization", Http.basic("auditor", "auditor")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
      List<String> sheets = new ArrayList<>();
      workbook.forEach(s -> sheets.add(s.getSheetName()));
      assertThat(sheets).containsExactly("Summary", "Deployment frequency", "Lead time", "Change failure rate",
          "Recovery time", "Rework rate", "Value stream", "Improvement actions", "Feedback", "Deployments");
      // no engine history in March 2025: the value stream has no stage and no chart
      assertThat(workbook.getSheet("Value stream").getDrawingPatriarch()).isNull();
      for (DoraKey key : DoraKey.values()) {
        XSSFSheet sheet = workbook.getSheet(DoraWorkbook.sheetOf(key));
        assertThat(sheet.getDrawingPatriarch().getCharts()).as(sheet.getSheetName()).hasSize(1);
        assertThat(sheet.getRow(1).getCell(1) == null ? null : sheet.getRow(1).getCell(1).getNumericCellValue())
            .as(key.id()).isEqualTo(api.path("overall").path("keys").get(key.ordinal()).path("value").isNull()
                ? null : api.path("overall").path("keys").get(key.ordinal()).path("value").asDouble());
      }
      XSSFSheet summary = workbook.getSheet("Summary");
      assertThat(summary.getDrawingPatriarch().getCharts()).hasSize(1);
      DataFormatter text = new DataFormatter();
      assertThat(text.formatCellValue(summary.getRow(4).getCell(1))).isEqualTo("MEDIUM");
      assertThat(text.formatCellValue(summary.getRow(5).getCell(1))).isEqualTo("changeFailureRate");
      XSSFSheet raw = workbook.getSheet("Deployments");
      List<String> ids = new ArrayList<>();
      for (Row row : raw) {
        if (row.getRowNum() > 0) {
          ids.add(text.formatCellValue(row.getCell(0)));
        }
      }
      assertThat(ids).hasSize(api.path("overall").path("figures").path("deployments").asInt());
      assertThat(text.formatCellValue(raw.getRow(2).getCell(10))).isEqualTo("ROLLED_BACK");
      assertThat(raw.getRow(2).getCell(8).getNumericCellValue()).isEqualTo(24.0);
    }
  }
}
