package io.changegate.delivery.feedback;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.monitoring.sandbox.SandboxValidationAdapter;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Timelines;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 72-hour feedback over real HTTP with the real engine: a change completes, its requester answers the survey in
 * Tasklist's way ({@code /engine-rest}) within the window — the actions become improvement actions on its runbook —
 * and another change's survey expires when the window's timer fires (the test fires it: nobody waits 72 hours); at
 * the end of each window the usage is measured (sandbox monitoring); both on the change and in
 * {@code /api/metrics/feedback}.
 */
@ChangegateIntegrationTest
class ChangeFeedbackApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @SuppressWarnings("unchecked")
  private String completedChange(String service, String title) {
    Map<String, Object> change = Changes.standard(title);
    change.put("service", service);
    ((Map<String, Object>) change.get("artifact")).put("name", service);
    change.put("validation", map("stabilizationMinutes", 0));
    Http.Response created = Http.as(port, "requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();
    JsonNode done = Await.until(Duration.ofSeconds(90), () -> change(id),
        c -> c.path("status").asText().matches("COMPLETED|ROLLED_BACK|FAILED"), id + " to complete");
    assertThat(done.path("status").asText()).as(Timelines.events(done).toString()).isEqualTo("COMPLETED");
    return id;
  }

  private JsonNode change(String id) {
    return Http.as(port, "auditor").get("/api/changes/" + id).json();
  }

  private Task survey(String id) {
    return Await.until(Duration.ofSeconds(30), () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(FeedbackProcess.TASK_ANSWER_SURVEY).singleResult(), t -> t != null, "the survey of " + id);
  }

  /** The window's end comes now: fire the timer the engine holds for it. */
  private void windowEnds(String id, String activity) {
    Job timer = Await.until(Duration.ofSeconds(30), () -> management.createJobQuery().processInstanceId(
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
            .processDefinitionKey(FeedbackProcess.CHANGE_FEEDBACK).singleResult().getId())
        .activityId(activity).timers().singleResult(), j -> j != null, "the timer " + activity + " of " + id);
    management.executeJob(timer.getId());
  }

  private JsonNode awaitUsage(String id) {
    return Await.until(Duration.ofSeconds(60), () -> change(id),
        c -> !c.path("feedback").path("usage").path("measuredAt").isMissingNode()
            && !c.path("feedback").path("usage").path("measuredAt").isNull(), "the usage of " + id);
  }

  @Test
  void aSurveyAnsweredWithinTheWindowAndOneThatExpired() throws Exception {
    String service = "catalog-service"; // a service template config-toggle covers: no approvals
    String answered = completedChange(service, "Answered within 72 hours");
    String expired = completedChange(service, "Nobody answers");

    // the survey is open on the change, due 72 hours after it completed, for its requester
    Task task = survey(answered);
    JsonNode open = change(answered).path("feedback");
    assertThat(open.path("status").asText()).isEqualTo("OPEN");
    assertThat(Duration.between(Instant.parse(open.path("startedAt").asText()),
        Instant.parse(open.path("dueAt").asText()))).isEqualTo(Duration.ofHours(72));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateUser("requester").count()).isOne();
    assertThat(task.getDueDate().toInstant()).isEqualTo(Instant.parse(open.path("dueAt").asText()));

    // a rating out of range is refused; an answer from someone it is not for too
    Http.Response outOfRange = Http.as(port, "requester").post("/engine-rest/task/" + task.getId() + "/complete",
        map("variables", map("rating", map("value", "9"))));
    assertThat(outOfRange.status()).isEqualTo(400);
    Http.Response notFor = Http.as(port, "reviewer").post("/engine-rest/task/" + task.getId() + "/complete",
        map("variables", map("rating", map("value", "4"))));
    assertThat(notFor.status()).as(notFor.toString()).isIn(400, 403);

    Http.Response done = Http.as(port, "requester").post("/engine-rest/task/" + task.getId() + "/complete",
        map("variables", map("rating", map("value", "4"), "comment", map("value", "Checkout felt faster"),
            "actions", map("value", "Add a cache warm-up step to the runbook\n\nCheck the CDN purge"))));

    assertThat(done.status()).as(done.toString()).isEqualTo(204);
    JsonNode feedback = change(answered).path("feedback");
    assertThat(feedback.path("status").asText()).isEqualTo("ANSWERED");
    assertThat(feedback.path("answeredBy").asText()).isEqualTo("requester");
    assertThat(feedback.path("rating").asInt()).isEqualTo(4);
    assertThat(feedback.path("actions")).hasSize(2);
    JsonNode action = Http.as(port, "auditor").get("/api/improvement-actions/" + feedback.path("actions").get(0)
        .asText()).json();
    assertThat(action.path("source").asText()).isEqualTo("CHANGE_FEEDBACK");
    assertThat(action.path("amends").asText()).isEqualTo("runbook:" + answered);
    assertThat(action.path("owner").asText()).isEqualTo("requester");

    // the other survey expires when its window ends
    survey(expired);
    windowEnds(expired, FeedbackProcess.EVENT_SURVEY_EXPIRED);
    assertThat(change(expired).path("feedback").path("status").asText()).isEqualTo("EXPIRED");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(expired)
        .taskDefinitionKey(FeedbackProcess.TASK_ANSWER_SURVEY).count()).isZero();

    // at the end of each window the usage is measured
    windowEnds(answered, FeedbackProcess.EVENT_WINDOW_OVER);
    windowEnds(expired, FeedbackProcess.EVENT_WINDOW_OVER);
    JsonNode usage = awaitUsage(answered).path("feedback").path("usage");
    assertThat(usage.path("value").asDouble()).isEqualTo(SandboxValidationAdapter.SIMULATED_FIGURE);
    assertThat(usage.path("source").asText()).contains("sandbox");
    assertThat(usage.path("query").asText()).contains("service=\"" + service + "\"", "[259200s]");
    JsonNode expiredView = awaitUsage(expired);
    assertThat(Timelines.events(expiredView)).containsSubsequence("COMPLETED", "FEEDBACK_REQUESTED",
        "FEEDBACK_EXPIRED", "USAGE_MEASURED");
    assertThat(Timelines.events(change(answered))).containsSubsequence("FEEDBACK_REQUESTED",
        "FEEDBACK_ANSWERED", "USAGE_MEASURED");
    Await.until(Duration.ofSeconds(30), () -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(answered)
        .processDefinitionKey(FeedbackProcess.CHANGE_FEEDBACK).count(), n -> n == 0, "the feedback to end");

    // the delivery-metrics report
    JsonNode report = Http.as(port, "auditor").get("/api/metrics/feedback?service=" + service + "&from="
        + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1)).json();
    Map<String, String> statuses = new java.util.HashMap<>();
    report.path("changes").forEach(f -> statuses.put(f.path("changeId").asText(), f.path("status").asText()));
    assertThat(statuses).containsEntry(answered, "ANSWERED").containsEntry(expired, "EXPIRED");
    assertThat(report.path("surveys").asInt()).isEqualTo(report.path("changes").size()).isGreaterThanOrEqualTo(2);
    assertThat(report.path("answered").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(report.path("expired").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(report.path("actions").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(report.path("usageMeasured").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(Http.as(port, "requester").get("/api/metrics/feedback").status()).isEqualTo(403);

    // and the Excel report's sheet Feedback
    HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
            + port + "/api/reports/dora.xlsx?service=" + service + "&environment=staging&from="
            + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1)))
        .header("Authorization", Http.basic("auditor", "auditor")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = workbook.getSheet("Feedback");
      assertThat(sheet).isNotNull();
      Map<String, String> rows = new java.util.HashMap<>();
      sheet.forEach(row -> {
        if (row.getCell(0) != null && row.getCell(1) != null) {
          rows.put(row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue());
        }
      });
      assertThat(rows).containsEntry(answered, "ANSWERED").containsEntry(expired, "EXPIRED");
    }
  }
}
