package io.changegate.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.delivery.feedback.FeedbackProcess;
import io.changegate.ChangegateApplication;
import io.changegate.risk.FmeaProcess;
import io.changegate.risk.FmeaWorkbook;
import io.changegate.support.Await;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production profile on a real PostgreSQL: schema, intake, engine, audit chain and restarts. */
@ExtendWith(PostgresDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.username=postgres",
    "spring.datasource.password=",
    "changegate.security.admin.password=it-admin-secret",
    // its own engine name and no webapps: the engine registry and the webapps' runtime delegates are JVM-wide,
    // and neither this context nor its restarts may take them from the shared test context, whichever runs first
    "camunda.bpm.process-engine-name=postgresit",
    "camunda.bpm.webapp.enabled=false",
    "changegate.monitoring.alerts.token-property=PG_ALERTS_TOKEN",
    "PG_ALERTS_TOKEN=" + PostgresIntegrationTest.ALERTS_TOKEN,
    // outside the demo no environment may allow the sandbox (a simulator): deployments run a real program here,
    // the command adapter with /bin/true, and the catalog is seeded with the two environments the tests use
    "changegate.deployment.command.deploy[0]=/bin/true",
    "changegate.deployment.default-adapter=command",
    // no monitoring default outside the demo: named here, and a sandbox validation earns no promotion
    "changegate.monitoring.adapter=sandbox",
    "changegate.environments.seed[0].name=staging",
    "changegate.environments.seed[0].kind=PRE_PRODUCTION",
    "changegate.environments.seed[0].owner-group=operations",
    "changegate.environments.seed[0].allowed-adapters[0]=command",
    "changegate.environments.seed[0].promotion-order=1",
    "changegate.environments.seed[0].data-classification=INTERNAL",
    "changegate.environments.seed[0].capacity=5",
    "changegate.environments.seed[1].name=production",
    "changegate.environments.seed[1].kind=PRODUCTION",
    "changegate.environments.seed[1].owner-group=operations",
    "changegate.environments.seed[1].allowed-adapters[0]=command",
    "changegate.environments.seed[1].promotion-order=2",
    "changegate.environments.seed[1].data-classification=CONFIDENTIAL",
    "changegate.environments.seed[1].capacity=2"})
@ActiveProfiles("postgres")
class PostgresIntegrationTest {

  static final String ALERTS_TOKEN = "pg-alerts-secret-31f0";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresDatabase.URL);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired HistoryService history;
  @Autowired io.changegate.environment.BookingService bookings;
  @Autowired io.changegate.environment.Decommissions decommissions;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired ProcessEngine engine;
  @Autowired io.changegate.change.ChangeService changeService;
  @Autowired io.changegate.notification.NotificationOutbox outbox;
  @Autowired io.changegate.deployment.ValidatedReleases validated;
  @Autowired io.changegate.deployment.EnvironmentSlots slots;
  @Autowired io.changegate.change.ChangeRepository changes;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

  @Test
  void runsOnPostgresWithFlywayAndEngineTablesInOneDatabase() {
    assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_schema_history WHERE success").query(Long.class).single())
        .isPositive();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_re_procdef").query(Long.class).single()).isPositive();
  }

  @Test
  void productionProfileSeedsNoDemoUsers() {
    assertThat(Http.as(port, "requester").get("/api/standard-changes").status()).isEqualTo(401);
    assertThat(adminHttp().get("/api/standard-changes").status()).isEqualTo(200);
  }

  @Test
  void standardChangesCompleteConcurrentlyAndTheAuditChainHolds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> submitted = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int n = i;
      submitted.add(pool.submit(() -> adminHttp().post("/api/changes", Changes.standard("PG change " + n)).json()
          .path("id").asText()));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> id : submitted) {
      ids.add(id.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    for (String id : ids) {
      JsonNode change = Await.until(Duration.ofSeconds(60), () -> adminHttp().get("/api/changes/" + id).json(),
          c -> c.path("status").asText().matches("COMPLETED|FAILED"), id + " to complete");
      assertThat(change.path("status").asText()).isEqualTo("COMPLETED");
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(id).list().stream()
          .filter(t -> !FeedbackProcess.CHANGE_FEEDBACK.equals(t.getProcessDefinitionKey())))
          .as("no task until it completed; then its feedback survey").isEmpty();
      List<String> ranThrough = new ArrayList<>();
      change.path("processVersions")
          .forEach(v -> ranThrough.add(v.path("kind").asText() + " " + v.path("key").asText()));
      assertThat(ranThrough).contains("PROCESS change-request", "DECISION change-classification",
          "PROCESS standard-change", "PROCESS deployment");
      assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change_model_version WHERE change_id = ?").param(id)
          .query(Long.class).single()).as("one row per definition the change used").isEqualTo(jdbc.sql("""
              SELECT COUNT(DISTINCT definition_id) FROM changegate_change_model_version WHERE change_id = ?""")
          .param(id).query(Long.class).single());
    }
    JsonNode verification = adminHttp().get("/api/audit/verification").json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
  }

  @Test
  void theSearchWaitingForAndTheNotificationOutboxWorkOnPostgres() {
    String title = "PG Search_Me 100% " + System.nanoTime() % 100000;
    String id = adminHttp().post("/api/changes", Changes.standard(title)).json().path("id").asText();
    JsonNode done = Await.until(Duration.ofSeconds(60), () -> adminHttp().get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED"), id + " to complete");
    assertThat(done.path("waitingFor").path("kind").asText()).isEqualTo("NOTHING");
    var changes = new io.changegate.change.ChangeQuery("search_me 100%", null, "staging",
        io.changegate.change.ChangeStatus.COMPLETED, "admin", null, null, 50);
    assertThat(changeService.search(changes)).extracting(io.changegate.change.Change::id).containsExactly(id);
    assertThat(changeService.search(new io.changegate.change.ChangeQuery(id.toLowerCase(), null, null, null, null,
        null, null, 50))).extracting(io.changegate.change.Change::id).containsExactly(id);
    assertThat(changeService.search(new io.changegate.change.ChangeQuery("search_mex", null, null, null, null, null,
        null, 50))).as("_ and % are no wildcards").isEmpty();
    Await.until(Duration.ofSeconds(30), () -> outbox.ofChange(id).stream()
        .filter(m -> m.subject().contains("COMPLETED")).count(), n -> n > 0, "the requester told of the outcome");
    Await.until(Duration.ofSeconds(30), () -> outbox.pending(id), n -> n == 0, "every message of " + id + " sent");
  }

  @Test
  void badInputLeavesNothingBehind() {
    long changes = jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single();
    Map<String, Object> bad = Changes.standard("bad");
    bad.put("artifact", Http.map("name", "x", "version", "1", "digest", "sha256:nothex"));

    Http.Response response = adminHttp().post("/api/changes", bad);

    assertThat(response.status()).isEqualTo(400);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single()).isEqualTo(changes);
  }

  /**
   * PostgreSQL refuses the NUL character in text (and a lone surrogate is no Unicode it could store): every way
   * such text can come in is a 4xx that stores nothing, never the database's error as a 500.
   */
  @Test
  void textPostgresqlCannotStoreIsRefusedWith400AndNothingIsStored() {
    long changes = count("changegate_change");
    long windows = count("changegate_calendar_window");
    long alerts = count("changegate_alert");
    for (String bad : List.of("nul\u0000", "lone\ud800", "\udc00")) {
      Map<String, Object> change = Changes.standard(bad);
      assertNoStorableText(adminHttp().post("/api/changes", change), "title");
      change = Changes.standard("Runbook");
      change.put("runbook", Map.of("steps", List.of("deploy", bad)));
      assertNoStorableText(adminHttp().post("/api/changes", change), "runbook.steps[1]");
      for (String collection : List.of("/api/blackouts", "/api/maintenance-windows")) {
        assertNoStorableText(adminHttp().post(collection, Http.map("title", "Freeze", "start", "2031-01-05T18:00",
            "end", "2031-01-06T06:00", "timeZone", "UTC", "reason", bad)), "reason");
      }
      Http anonymous = Http.anonymous(port);
      Http.Response alert = anonymous.send(anonymous.request("/api/alerts").header("Authorization",
              "Bearer " + ALERTS_TOKEN).header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"version\":\"4\",\"status\":\"firing\","
              + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"service\":\"" + escaped(bad) + "\"}}]}")));
      assertNoStorableText(alert, "alerts[0].labels.service");
    }
    assertNoStorableText(adminHttp().get("/api/changes?service=%00"), "parameter service");
    Http anonymous = Http.anonymous(port);
    assertThat(anonymous.send(anonymous.request("/api/changes").header("Authorization",
        Http.basic("ad\u0000min", "it-admin-secret")).GET()).status()).as("a user id with NUL").isEqualTo(401);
    assertThat(count("changegate_change")).isEqualTo(changes);
    assertThat(count("changegate_calendar_window")).isEqualTo(windows);
    assertThat(count("changegate_alert")).isEqualTo(alerts);

    // the engine API alike
    String id = adminHttp().post("/api/changes", Changes.normal("Waits for its FMEA")).json().path("id").asText();
    String instance = Await.until(Duration.ofSeconds(30), () -> runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(id).processDefinitionKey("change-request").singleResult(), p -> p != null,
        "the instance of " + id).getId();
    Http.Response variable = adminHttp().send(adminHttp().request("/engine-rest/process-instance/" + instance
            + "/variables/probe").header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"a\\u0000b\",\"type\":\"String\"}")));
    assertThat(variable.status()).as(variable.toString()).isEqualTo(400);
    assertThat(runtime.getVariable(instance, "probe")).isNull();

    // text PostgreSQL can store is stored as it was sent
    String unicode = "Grüße, 日本, \ud83d\ude00";
    JsonNode stored = adminHttp().post("/api/changes", Changes.standard(unicode)).json();
    assertThat(adminHttp().get("/api/changes/" + stored.path("id").asText()).json().path("title").asText())
        .isEqualTo(unicode);
    assertThat(adminHttp().post("/api/changes/" + id + "/cancel", "{}").status()).isEqualTo(200);
  }

  /** An FMEA worksheet is a document the requester fills in; a NUL in it is refused, on both ways in. */
  @Test
  void anFmeaWorksheetWithANulCharacterIsRefusedOnPostgres() throws Exception {
    String id = adminHttp().post("/api/changes", Changes.normal("FMEA with NUL")).json().path("id").asText();
    String task = Await.until(Duration.ofSeconds(30), () -> taskService.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(FmeaProcess.TASK_FILL_WORKSHEET).singleResult(), t -> t != null, "the worksheet task")
        .getId();

    // the Tasklist form's way: a Json variable whose text carries an escaped NUL
    String rows = "[{\\\"step\\\":\\\"deploy\\\",\\\"failureMode\\\":\\\"pods\\\\u0000crash\\\","
        + "\\\"effect\\\":\\\"errors\\\",\\\"cause\\\":\\\"bad build\\\",\\\"severity\\\":3,"
        + "\\\"occurrence\\\":2,\\\"detection\\\":2}]";
    // this context's engine has a name of its own (postgresit): the REST API addresses it by name
    Http.Response completed = adminHttp().send(adminHttp().request("/engine-rest/engine/postgresit/task/" + task
            + "/complete")
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"variables\":{\"fmea\":{\"value\":\"" + rows + "\",\"type\":\"Json\"}}}")));
    assertThat(completed.status()).as(completed.toString()).isEqualTo(400);
    assertThat(completed.body()).contains("fmea[0].failureMode", "NUL");

    // the Excel way: a cell with a NUL
    // Excel escapes a control character in a cell as _xHHHH_; POI writes the text as given and reads it back decoded
    byte[] workbook = fmeaWorkbook(id, "pods_x0000_crash");
    Http.Response uploaded = adminHttp().send(adminHttp().request("/api/changes/" + id + "/fmea")
        .header("Content-Type", FmeaWorkbook.CONTENT_TYPE)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(workbook)));
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(400);
    assertThat(uploaded.body()).contains("NUL");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_fmea_row WHERE change_id = ?").param(id).query(Long.class)
        .single()).isZero();
    assertThat(taskService.createTaskQuery().taskId(task).count()).as("the worksheet task is still open").isOne();
    assertThat(adminHttp().post("/api/changes/" + id + "/cancel", "{}").status()).isEqualTo(200);
  }

  /** The downloaded template with one failure mode whose text is {@code failureMode}. */
  private byte[] fmeaWorkbook(String id, String failureMode) throws Exception {
    var download = java.net.http.HttpClient.newHttpClient().send(adminHttp().request("/api/changes/" + id
        + "/fmea.xlsx").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(download.body()));
        var out = new java.io.ByteArrayOutputStream()) {
      var sheet = workbook.getSheet(FmeaWorkbook.SHEET);
      var row = sheet.getRow(1) == null ? sheet.createRow(1) : sheet.getRow(1);
      Object[] cells = {"deploy", failureMode, "errors", "bad build", 3, 2, 2};
      for (int c = 0; c < cells.length; c++) {
        var cell = row.getCell(c) == null ? row.createCell(c) : row.getCell(c);
        if (cells[c] instanceof Integer n) {
          cell.setCellValue(n);
        } else {
          cell.setCellValue((String) cells[c]);
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  private static void assertNoStorableText(Http.Response response, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    assertThat(response.json().path("errors").get(0).path("message").asText()).contains("must not contain");
  }

  private static String escaped(String text) {
    StringBuilder json = new StringBuilder();
    text.chars().forEach(c -> json.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return json.toString().replace("\u0000", "\\u0000");
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @Test
  void twoRestartsLeaveEveryDefinitionVersionUnchanged() {
    Map<String, Integer> before = latestVersions(repository);

    for (int restart = 0; restart < 2; restart++) {
      try (ConfigurableApplicationContext again = new SpringApplicationBuilder(ChangegateApplication.class)
          .profiles("postgres")
          .run("--server.port=0", "--spring.datasource.url=" + PostgresDatabase.URL,
              "--spring.datasource.username=" + PostgresDatabase.USER, "--spring.datasource.password=",
              "--changegate.security.admin.password=it-admin-secret", "--camunda.bpm.job-execution.enabled=false",
              "--changegate.monitoring.adapter=sandbox",
              "--camunda.bpm.process-engine-name=postgresit", "--camunda.bpm.webapp.enabled=false")) {
        assertThat(latestVersions(again.getBean(RepositoryService.class))).isEqualTo(before);
      }
    }
  }

  @Test
  void theEnvironmentCatalogRefusesTheSandboxUnknownEnvironmentsAndForbiddenAdaptersOnPostgres() {
    long environments = count("changegate_environment");
    long changes = count("changegate_change");
    Http.Response simulated = adminHttp().post("/api/environments", Http.map("name", "pg-lab", "kind", "TEST",
        "ownerGroup", "operations", "allowedAdapters", List.of("command", "sandbox"), "dataClassification",
        "INTERNAL", "capacity", 2));
    assertThat(simulated.status()).as(simulated.toString()).isEqualTo(400);
    assertThat(simulated.json().path("errors").get(0).path("field").asText()).isEqualTo("allowedAdapters[1]");
    assertThat(simulated.json().path("errors").get(0).path("message").asText()).contains("demo profile only");

    Map<String, Object> unknown = Changes.standard("To prod");
    unknown.put("environment", "prod");
    assertThat(adminHttp().post("/api/changes", unknown).status()).isEqualTo(400);
    Map<String, Object> sandboxed = Changes.standard("Through the sandbox");
    sandboxed.put("targets", List.of(Http.map("adapter", "sandbox", "name", "payments-api")));
    Http.Response forbidden = adminHttp().post("/api/changes", sandboxed);
    assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(400);
    assertThat(forbidden.json().path("errors").get(0).path("message").asText())
        .contains("adapter 'sandbox' is not allowed in staging (allowed: command)");
    assertThat(count("changegate_environment")).isEqualTo(environments);
    assertThat(count("changegate_change")).isEqualTo(changes);

    Http.Response lab = adminHttp().post("/api/environments", Http.map("name", "pg-lab", "kind", "TEST",
        "ownerGroup", "operations", "allowedAdapters", List.of("command"), "dataClassification", "INTERNAL",
        "infrastructureTemplate", "terraform/modules/service-env", "templateParameters", Map.of("replicas", "1"),
        "capacity", 2));
    assertThat(lab.status()).as(lab.toString()).isEqualTo(201);
    assertThat(adminHttp().get("/api/environments/pg-lab").json().path("templateParameters").path("replicas")
        .asText()).isEqualTo("1");
    JsonNode verification = adminHttp().get("/api/audit/verification").json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
  }

  /**
   * Environment slots on PostgreSQL, where a transaction inserting a slot number another has inserted but not
   * committed waits for it: six changes reserving at once in an environment of capacity 2 get exactly two slots
   * (numbers 1 and 2) and four wait; a reservation made while another's transaction is still open does not wait for
   * it; a release hands its slot over when its transaction commits, to the oldest waiter.
   */
  @Test
  void environmentSlotsHoldTheirLimitAndHandOverOnPostgres() throws Exception {
    Http.Response created = adminHttp().post("/api/environments", Http.map("name", "pg-slots", "kind", "TEST",
        "ownerGroup", "operations", "allowedAdapters", List.of("command"), "dataClassification", "INTERNAL",
        "capacity", 2));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(deployingChange("pg-slots", "slot-service-" + i));
    }
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(ids.size());
    ExecutorService pool = Executors.newFixedThreadPool(ids.size());
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (String id : ids) {
        answers.add(pool.submit(() -> {
          together.await();
          return transactions.execute(status -> slots.reserveFor(id));
        }));
      }
      List<String> holders = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (answers.get(i).get(60, TimeUnit.SECONDS)) {
          holders.add(ids.get(i));
        }
      }
      assertThat(holders).hasSize(2);
      assertThat(jdbc.sql("SELECT slot_no FROM changegate_environment_slot WHERE environment = 'pg-slots'")
          .query(Integer.class).list()).containsExactlyInAnyOrder(1, 2);
      assertThat(slots.waiting("pg-slots")).isEqualTo(4);
      String oldestWaiter = jdbc.sql("SELECT change_id FROM changegate_environment_queue WHERE environment = ?"
          + " ORDER BY waiting_since, change_id").param("pg-slots").query(String.class).list().get(0);

      // the release's transaction stays open: a waiter asking again meanwhile is answered, and nothing is freed yet
      java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
      Future<?> ending = pool.submit(() -> transactions.executeWithoutResult(status -> {
        slots.release(holders.get(0));
        released.countDown();
        try {
          commit.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(released.await(30, TimeUnit.SECONDS)).isTrue();
      String another = ids.stream().filter(id -> !holders.contains(id) && !id.equals(oldestWaiter)).findFirst()
          .orElseThrow();
      assertThat(pool.submit(() -> transactions.execute(status -> slots.reserveFor(another)))
          .get(20, TimeUnit.SECONDS)).as("answered while the release is open: still full").isFalse();
      commit.countDown();
      ending.get(30, TimeUnit.SECONDS);

      assertThat(slots.holds(oldestWaiter)).as("the oldest waiter is handed the freed slot").isTrue();
      assertThat(slots.inUse("pg-slots")).isEqualTo(2);
      assertThat(slots.waiting("pg-slots")).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    JsonNode verification = adminHttp().get("/api/audit/verification").json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
  }

  /**
   * A change in DEPLOYING to {@code environment}, stored without a process (as a deployment about to reserve); its
   * target is named after its service.
   */
  private String deployingChange(String environment, String service) {
    io.changegate.change.Change change = io.changegate.deployment.UnitChanges.change(changes.nextId(), service,
        environment, Changes.newDigest());
    transactions.executeWithoutResult(status -> changes.insert(change));
    return change.id();
  }

  /** Plans, drift, release trains and utilization on PostgreSQL: their tables and queries, over HTTP. */
  @Test
  void plansDriftReleaseTrainsAndUtilizationOnPostgres() throws Exception {
    String plan = new String(getClass().getResourceAsStream("/plans/terraform-plan.json").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    Map<String, Object> normal = Changes.normal("Plan on PostgreSQL");
    normal.put("service", "pg-train");
    normal.put("environment", "staging");
    normal.put("plannedStart", "2031-01-08T10:00:00Z"); // a Wednesday
    Http admin = adminHttp();
    Http.Response train = admin.send(admin.request("/api/services/pg-train/release-policy")
        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"cadence\":\"WEEKLY\",\"dayOfWeek\":\"TUESDAY\",\"from\":\"10:00\",\"to\":\"12:00\","
                + "\"timeZone\":\"UTC\",\"riskClasses\":[\"MEDIUM\",\"HIGH\"]}")));
    assertThat(train.status()).as(train.toString()).isEqualTo(200);
    JsonNode created = admin.post("/api/changes", normal).json();
    String id = created.path("id").asText();
    assertThat(created.path("conflicts").findValuesAsText("type")).contains("OUTSIDE_RELEASE_TRAIN");

    Http.Response attached = admin.send(admin.request("/api/changes/" + id + "/infrastructure-plan")
        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(plan)));
    assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
    assertThat(admin.get("/api/changes/" + id + "/infrastructure-plan").json().path("summary").path("destroyed"))
        .hasSize(2);
    Http.Response other = admin.send(admin.request("/api/changes/" + id + "/infrastructure-plan/verification")
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            plan.replace("t3.medium", "t3.large"))));
    assertThat(other.status()).isEqualTo(409);

    assertThat(admin.post("/api/drift/checks", "{}").status()).isEqualTo(200);
    assertThat(admin.get("/api/drift?environment=staging&limit=5").status()).isEqualTo(200);
    JsonNode utilization = admin.get("/api/environments/staging/utilization").json();
    assertThat(utilization.path("openChanges").toString()).contains(id);
    assertThat(utilization.path("capacity").asInt()).isEqualTo(5);
    assertThat(admin.post("/api/changes/" + id + "/cancel", "{}").status()).isEqualTo(200);
    JsonNode verification = admin.get("/api/audit/verification").json();
    assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
  }

  /** Outside the demo the monitoring adapter has no default: a start that names none is refused. */
  @Test
  void aStartOutsideTheDemoWithoutAMonitoringAdapterIsRefused() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(ChangegateApplication.class)
        .profiles("postgres")
        .run("--server.port=0", "--spring.datasource.url=" + PostgresDatabase.URL,
            "--spring.datasource.username=" + PostgresDatabase.USER, "--spring.datasource.password=",
            "--changegate.security.admin.password=it-admin-secret", "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=postgresnomonitoring", "--camunda.bpm.webapp.enabled=false")
        .close())
        .hasStackTraceContaining("changegate.monitoring.adapter is not set");
  }

  /**
   * Outside the demo a validation by the sandbox monitoring adapter (named explicitly here) lets the change complete,
   * says so on its timeline, and earns its digest no promotion: the promotion check finds no validated release.
   */
  @Test
  void aSandboxValidationOutsideTheDemoEarnsNoPromotion() {
    Map<String, Object> request = Changes.standard("PG simulated validation");
    String digest = String.valueOf(((Map<?, ?>) request.get("artifact")).get("digest"));
    String id = adminHttp().post("/api/changes", request).json().path("id").asText();
    JsonNode done = Await.until(Duration.ofSeconds(60), () -> adminHttp().get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), id + " to complete");

    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(jdbc.sql("SELECT validation_simulated FROM changegate_change WHERE id = ?").param(id)
        .query(Boolean.class).single()).isTrue();
    assertThat(done.path("timeline").toString()).contains("earns the digest no promotion");
    assertThat(validated.validatedIn("staging", "payments-api", digest, java.util.Set.of("sandbox"))).isEmpty();
    assertThat(validated.validatedIn("staging", "payments-api", digest, java.util.Set.of())).isEmpty();
  }

  /**
   * The planner statistics that keep the candidate-group task queries fast exist on a database this JVM created empty
   * (Flyway may run before the engine built its schema; the engine plugin makes them then).
   */
  @Test
  void theAuthorizationPlannerStatisticsExistOnADatabaseStartedEmpty() {
    assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_statistic_ext WHERE stxname = ?")
        .param(io.changegate.security.AuthorizationPlannerStatistics.STATISTICS).query(Long.class).single())
        .isEqualTo(1);
  }

  /**
   * Outside the demo the flag simulator is not offered: a flag rollout naming it, or leaning on it as the default
   * provider, is refused at intake (400) and nothing is stored, as a simulated deployment would be.
   */
  @Test
  void aFlagRolloutThroughTheSimulatorIsRefusedOutsideTheDemo() {
    long before = jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single();
    for (Map<String, Object> rollout : List.<Map<String, Object>>of(
        Map.of("flagKey", "new-checkout", "provider", "sandbox", "stages", List.of(Map.of("percent", 10))),
        Map.of("flagKey", "new-checkout", "stages", List.of(Map.of("percent", 10))))) {
      Map<String, Object> request = new java.util.LinkedHashMap<>(Changes.standard("PG simulated flag"));
      request.put("flagRollout", rollout);
      Http.Response refused = adminHttp().post("/api/changes", request);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("flagRollout.provider");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change").query(Long.class).single()).isEqualTo(before);
  }

  /**
   * Bookings on PostgreSQL: production refused, overlapping bookings beyond the capacity contended with one owner
   * task, the owner's order applied, the utilization report, and the idle check proposing a decommission once.
   */
  @Test
  void bookingsTheOwnersOrderAndTheIdleCheckOnPostgres() {
    Http admin = adminHttp();
    String lab = "pg-lab-" + System.nanoTime() % 100000;
    assertThat(admin.post("/api/environments", Map.of("name", lab, "kind", "TEST", "ownerGroup", "operations",
        "allowedAdapters", List.of("command"), "dataClassification", "INTERNAL", "capacity", 1)).status())
        .isEqualTo(201);
    java.time.Instant from = java.time.Instant.now().plus(java.time.Duration.ofDays(2));
    Map<String, Object> booking = Map.of("team", "web", "release", "2026.12", "start", from.toString(), "end",
        from.plus(java.time.Duration.ofHours(4)).toString());
    assertThat(admin.post("/api/environments/production/bookings", booking).status()).isEqualTo(400);
    JsonNode first = admin.post("/api/environments/" + lab + "/bookings", booking).json();
    assertThat(first.path("state").asText()).isEqualTo("CONFIRMED");
    JsonNode second = admin.post("/api/environments/" + lab + "/bookings", Map.of("team", "payments", "release",
        "2026.12-hotfix", "start", from.plus(java.time.Duration.ofHours(2)).toString(), "end",
        from.plus(java.time.Duration.ofHours(6)).toString())).json();
    assertThat(second.path("state").asText()).isEqualTo("CONTENDED");
    String contention = second.path("contentionId").asText();
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(contention).count()).isEqualTo(1);

    bookings.decide(contention, "pg-owner", List.of("operations"), "APPROVE", null, null);

    JsonNode listed = admin.get("/api/environments/" + lab + "/bookings").json();
    assertThat(listed.findValuesAsText("state")).containsExactly("CONFIRMED", "DISPLACED");
    JsonNode report = admin.get("/api/environments/utilization").json();
    assertThat(report.findValuesAsText("environment")).contains(lab, "staging", "production");

    String idle = "pg-idle-" + System.nanoTime() % 100000;
    assertThat(admin.post("/api/environments", Map.of("name", idle, "kind", "DEVELOPMENT", "ownerGroup",
        "operations", "allowedAdapters", List.of("command"), "dataClassification", "PUBLIC", "capacity", 1))
        .status()).isEqualTo(201);
    jdbc.sql("UPDATE changegate_environment SET created_at = ? WHERE name = ?")
        .params(java.time.OffsetDateTime.now().minusDays(60), idle).update();
    decommissions.proposeForIdle();
    decommissions.proposeForIdle();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_decommission_proposal WHERE environment = ?").param(idle)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(admin.get("/api/environments/" + idle + "/utilization").json().path("decommission").path("state")
        .asText()).isEqualTo("PROPOSED");
  }

  /**
   * An environment allowing the sandbox, stored while the database served a demo, stops a start outside the demo:
   * nothing may pass for a deployment that is not one.
   */
  @Test
  void aStartOutsideTheDemoIsRefusedWhileTheCatalogAllowsTheSandbox() {
    jdbc.sql("""
            INSERT INTO changegate_environment (name, kind, owner_group, allowed_adapters, promotion_order,
              data_classification, template_parameters, capacity, version, created_by, created_at, updated_by,
              updated_at)
            VALUES ('demo-leftover', 'TEST', 'operations', 'sandbox', NULL, 'INTERNAL', '{}', 1, 1, 'admin',
              CURRENT_TIMESTAMP, 'admin', CURRENT_TIMESTAMP)""").update();
    try {
      assertThatThrownBy(() -> new SpringApplicationBuilder(ChangegateApplication.class)
          .profiles("postgres")
          .run("--server.port=0", "--spring.datasource.url=" + PostgresDatabase.URL,
              "--spring.datasource.username=" + PostgresDatabase.USER, "--spring.datasource.password=",
              "--changegate.security.admin.password=it-admin-secret", "--camunda.bpm.job-execution.enabled=false",
              "--changegate.monitoring.adapter=sandbox",
              "--camunda.bpm.process-engine-name=postgresrefused", "--camunda.bpm.webapp.enabled=false")
          .close())
          .hasStackTraceContaining("allows a simulated deployment adapter [sandbox] outside the demo profile")
          .hasStackTraceContaining("demo-leftover");
    } finally {
      jdbc.sql("DELETE FROM changegate_environment WHERE name = 'demo-leftover'").update();
    }
  }

  @Test
  void calendarWindowsAcrossDaylightSavingBlockAChangeOnPostgres() throws Exception {
    Http.Response freeze = adminHttp().post("/api/blackouts", Http.map("title", "Spring freeze",
        "start", "2027-03-13T22:00", "end", "2027-03-14T06:00", "timeZone", "America/New_York",
        "recurrence", "FREQ=YEARLY;COUNT=2", "service", "pg-calendar", "reason", "Quarter close"));
    assertThat(freeze.status()).as(freeze.toString()).isEqualTo(201);
    // the second (last) occurrence ends on 2028-03-14 at 06:00 EDT (DST began on 12 March that year)
    assertThat(freeze.json().path("lastEnd").asText()).isEqualTo("2028-03-14T10:00:00Z");
    Map<String, Object> change = Changes.normal("Inside the freeze on PostgreSQL");
    change.put("service", "pg-calendar");
    change.put("plannedStart", "2027-03-14T08:00:00Z");

    JsonNode created = adminHttp().post("/api/changes", change).json();

    assertThat(created.path("conflicts").get(0).path("type").asText()).isEqualTo("BLACKOUT");
    assertThat(created.path("conflicts").get(0).path("end").asText()).isEqualTo("2027-03-14T10:00:00Z");
    String ics = adminHttp().get("/api/calendar.ics?from=2027-03-01&to=2028-04-01&service=pg-calendar").body();
    // the freeze (22:00 EST to 06:00 EDT in 2027, 7 h), its 2028 occurrence (22:00 to 06:00 EDT, 8 h) as an
    // override with its own end, and the change
    assertThat(new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics))
        .getComponents("VEVENT")).hasSize(3);
    assertThat(ics).contains("DTSTART;TZID=America/New_York:20270313T220000",
        "RECURRENCE-ID;TZID=America/New_York:20280313T220000", "DTEND;TZID=America/New_York:20280314T060000");
    assertThat(adminHttp().post("/api/changes/" + created.path("id").asText() + "/cancel", "{}").status())
        .isEqualTo(200);
  }

  private Http adminHttp() {
    return Http.as(port, "admin", "it-admin-secret");
  }

  private static Map<String, Integer> latestVersions(RepositoryService repository) {
    Map<String, Integer> versions = new TreeMap<>();
    repository.createProcessDefinitionQuery().latestVersion().list()
        .forEach(d -> versions.put(d.getKey(), d.getVersion()));
    repository.createDecisionDefinitionQuery().latestVersion().list()
        .forEach(d -> versions.put("decision:" + d.getKey(), d.getVersion()));
    return versions;
  }

  @Test
  void theTaskListQueryListsEachTaskOnceInOrderWithoutDeduplicatingEveryCandidate() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDbSqlSessionFactory().mapStatement(io.changegate.security.TaskListQuery.ENGINE_STATEMENT))
        .isEqualTo(io.changegate.security.TaskListQuery.STATEMENT);
    List<String> groups = List.of("pg-list-a", "pg-list-b");
    List<String> ids = new ArrayList<>();
    List<String> grants = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Task task = taskService.newTask();
        task.setName("PG list " + i);
        taskService.saveTask(task);
        // two candidate links per task: the engine's join yields each task twice
        groups.forEach(group -> taskService.addCandidateGroup(task.getId(), group));
        taskService.setVariableLocal(task.getId(), "rank", 10 - i);
        ids.add(task.getId());
      }
      // and two grants matching each task for a member of both groups: four joined rows per task
      for (String group : groups) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(Resources.TASK);
        grant.setResourceId(Authorization.ANY);
        grant.addPermission(Permissions.READ);
        grants.add(authorizations.saveAuthorization(grant).getId());
      }
      identity.setAuthentication("pg-list-user", groups);
      TaskQuery byName = taskService.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskName().asc();
      assertThat(byName.list()).extracting(Task::getName)
          .containsExactly("PG list 0", "PG list 1", "PG list 2", "PG list 3", "PG list 4");
      assertThat(byName.count()).isEqualTo(5);
      assertThat(byName.listPage(1, 2)).extracting(Task::getName).containsExactly("PG list 1", "PG list 2");
      assertThat(taskService.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskCreateTime().desc()
          .orderByTaskName().desc().listPage(0, 3)).extracting(Task::getName)
          .containsExactly("PG list 4", "PG list 3", "PG list 2");
      // sorted by a variable or a case-insensitive name: the engine's own statement, still each task once
      assertThat(taskService.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskVariable("rank", ValueType.INTEGER)
          .asc().list()).extracting(Task::getName)
          .containsExactly("PG list 4", "PG list 3", "PG list 2", "PG list 1", "PG list 0");
      assertThat(taskService.createTaskQuery().taskCandidateGroupIn(groups).orderByTaskNameCaseInsensitive().desc()
          .list()).extracting(Task::getName)
          .containsExactly("PG list 4", "PG list 3", "PG list 2", "PG list 1", "PG list 0");
      // without the grants the same member sees none of them
      identity.setAuthentication("pg-list-user", List.of("pg-list-c"));
      assertThat(taskService.createTaskQuery().taskCandidateGroupIn(groups).list()).isEmpty();
    } finally {
      identity.clearAuthentication();
      grants.forEach(authorizations::deleteAuthorization);
      ids.forEach(id -> taskService.deleteTask(id, true));
    }
  }

}
