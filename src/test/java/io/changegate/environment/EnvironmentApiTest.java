package io.changegate.environment;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.approval.ApprovalService;
import io.changegate.approval.ReviewContext;
import io.changegate.calendar.ConflictDetector;
import io.changegate.change.ChangeProcess;
import io.changegate.change.ChangeService;
import io.changegate.emergency.EmergencyProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The environment catalog over real HTTP in the demo profile: who reads and writes it, every refusal (400 with field
 * errors and nothing stored, 403, 409), and what it governs — intake (unknown environment, forbidden adapter), the
 * kind that production rules read instead of the name, and promotion that only a real adapter's validation earns.
 */
@ChangegateIntegrationTest
class EnvironmentApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NAMES = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ChangeService changes;
  @Autowired ApprovalService approvals;
  @Autowired ConflictDetector conflicts;
  @Autowired org.camunda.bpm.engine.TaskService tasks;

  private Http as(String user) {
    return Http.as(port, user);
  }

  private Http.Response put(String user, String path, Object body) {
    Http http = as(user);
    try {
      return http.send(http.request(path).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unique(String name) {
    return name + "-" + NAMES.incrementAndGet();
  }

  private static Map<String, Object> environment(String name, String kind, String owner, Integer position,
      String... adapters) {
    Map<String, Object> body = map("name", name, "kind", kind, "ownerGroup", owner, "allowedAdapters",
        List.of(adapters), "dataClassification", "INTERNAL", "capacity", 3);
    if (position != null) {
      body.put("promotionOrder", position);
    }
    return body;
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static List<String> fields(Http.Response response) {
    List<String> fields = new ArrayList<>();
    response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private JsonNode await(String id, String statuses) {
    return Await.until(Duration.ofSeconds(60), () -> as("auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches(statuses), id + " to reach " + statuses);
  }

  private static JsonNode event(JsonNode change, String name) {
    for (JsonNode e : change.path("timeline")) {
      if (name.equals(e.path("event").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + name + " in " + change.path("timeline"));
  }

  @Test
  void everyUserReadsTheDemoCatalogWithKindOwnerAdaptersOrderAndTemplate() {
    JsonNode list = as("auditor").get("/api/environments").json();

    assertThat(list.findValuesAsText("name")).contains("staging", "production", "qa", "dev");
    JsonNode production = as("requester").get("/api/environments/production").json();
    assertThat(production.path("kind").asText()).isEqualTo("PRODUCTION");
    assertThat(production.path("ownerGroup").asText()).isEqualTo("operations");
    assertThat(production.path("allowedAdapters").get(0).asText()).isEqualTo("sandbox");
    assertThat(production.path("promotionOrder").asInt()).isEqualTo(2);
    assertThat(production.path("dataClassification").asText()).isEqualTo("CONFIDENTIAL");
    assertThat(production.path("infrastructureTemplate").asText()).isEqualTo("terraform/modules/service-env");
    assertThat(production.path("templateParameters").path("replicas").asText()).isEqualTo("6");
    assertThat(production.path("capacity").asInt()).isEqualTo(2);

    Http.Response missing = as("auditor").get("/api/environments/nowhere");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void operationsAddAnEnvironmentWhichIsAuditedDevelopersMayNot() {
    String name = unique("perf-lab");
    Map<String, Object> body = environment(name, "TEST", "security", null, "sandbox");

    assertThat(as("requester").post("/api/environments", body).status()).isEqualTo(403);
    Http.Response created = as("ops-engineer").post("/api/environments", body);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/environments/" + name);
    assertThat(created.json().path("version").asLong()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT actor FROM changegate_audit WHERE action = 'ENVIRONMENT_CREATED' AND details LIKE ?")
        .param("%" + name + "%").query(String.class).list()).containsExactly("ops-engineer");
    Http.Response again = as("ops-engineer").post("/api/environments", body);
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void invalidEnvironmentsAre400WithEveryFieldAndNothingIsStored() {
    long before = count("changegate_environment");
    long audited = count("changegate_audit");
    for (String name : List.of("Production", " production ", "pr\u043eduction", "production\u200b", "")) {
      Http.Response refused = as("admin").post("/api/environments", environment(name, "TEST", "security", null,
          "sandbox"));
      assertThat(refused.status()).as(name).isEqualTo(400);
      assertThat(fields(refused)).as(name).containsExactly("name");
    }
    Http.Response everything = as("admin").post("/api/environments", map("name", unique("bad"), "kind", "prod",
        "ownerGroup", "no-such-group", "allowedAdapters", List.of("sandbox", "nope", "sandbox"),
        "dataClassification", "SECRETISH", "capacity", 0, "promotionOrder", 0,
        "templateParameters", Map.of("x", "1")));
    assertThat(everything.status()).isEqualTo(400);
    assertThat(everything.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(everything)).containsExactlyInAnyOrder("allowedAdapters[1]", "allowedAdapters[2]", "capacity",
        "dataClassification", "kind", "ownerGroup", "promotionOrder", "templateParameters");
    // the owner signs off every change to its environment: a group that works no sign-offs cannot own one
    assertThat(as("admin").post("/api/environments", environment(unique("team"), "TEST", "developers", null,
        "sandbox")).json().path("errors").get(0).path("message").asText()).contains("does not work sign-offs");
    // production needs a place in the promotion order, and a place is one environment's
    assertThat(fields(as("admin").post("/api/environments", environment(unique("live"), "PRODUCTION", "operations",
        null, "sandbox")))).containsExactly("promotionOrder");
    assertThat(fields(as("admin").post("/api/environments", environment(unique("live"), "PRODUCTION", "operations",
        2, "sandbox")))).containsExactly("promotionOrder");
    // unknown fields are refused too
    assertThat(as("admin").post("/api/environments", "{\"name\":\"x1\",\"isProduction\":false}").status())
        .isEqualTo(400);

    assertThat(count("changegate_environment")).isEqualTo(before);
    assertThat(count("changegate_audit")).isEqualTo(audited);
  }

  @Test
  void theOwnerGroupKeepsItsEnvironmentButNeitherItsKindNorOwnerOthersMayNotTouchIt() {
    String name = unique("team-lab");
    assertThat(as("ops-engineer").post("/api/environments", environment(name, "TEST", "security", null,
        "sandbox")).status()).isEqualTo(201);
    Map<String, Object> bigger = environment(name, "TEST", "security", null, "sandbox", "command");
    bigger.put("capacity", 8);

    Http.Response notOwner = put("legal-counsel", "/api/environments/" + name, bigger);
    assertThat(notOwner.status()).isEqualTo(403);
    assertThat(notOwner.header("Content-Type")).startsWith("application/problem+json");

    Http.Response owner = put("security-officer", "/api/environments/" + name, bigger);
    assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    assertThat(owner.json().path("capacity").asInt()).isEqualTo(8);
    assertThat(owner.json().path("version").asLong()).isEqualTo(2);
    assertThat(owner.json().path("updatedBy").asText()).isEqualTo("security-officer");

    Map<String, Object> upgraded = environment(name, "DEVELOPMENT", "security", null, "sandbox");
    assertThat(put("security-officer", "/api/environments/" + name, upgraded).status()).isEqualTo(403);
    assertThat(put("security-officer", "/api/environments/" + name, environment(name, "TEST", "cab", null, "sandbox"))
        .status()).isEqualTo(403);
    Http.Response renamed = put("ops-engineer", "/api/environments/" + name, environment("other", "TEST",
        "security", null, "sandbox"));
    assertThat(renamed.status()).isEqualTo(400);
    assertThat(as("auditor").get("/api/environments/" + name).json().path("version").asLong()).isEqualTo(2);
    assertThat(jdbc.sql("SELECT details FROM changegate_audit WHERE action = 'ENVIRONMENT_UPDATED' AND details LIKE ?")
        .param("%" + name + "%").query(String.class).single()).contains("capacity: 3 -> 8");
  }

  @Test
  void unknownEnvironmentsAndNamesThatOnlyLookLikeOneAre400AndNothingIsStored() {
    long before = count("changegate_change");
    for (String environment : List.of("prod", "Production", " production ", "pr\u043eduction", "PRODUCTION")) {
      Map<String, Object> change = Changes.standard("Sneak into " + environment);
      change.put("environment", environment);

      Http.Response refused = as("requester").post("/api/changes", change);

      assertThat(refused.status()).as(environment).isEqualTo(400);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(fields(refused)).as(environment).containsExactly("environment");
    }
    assertThat(as("requester").post("/api/changes", withEnvironment("prod")).json().path("errors").get(0)
        .path("message").asText()).contains("unknown environment 'prod'", "production", "staging");
    assertThat(count("changegate_change")).isEqualTo(before);
  }

  @Test
  void anEmergencyStartedInTasklistAndAFreezeNamingNoEnvironmentOfTheCatalogAreRefused() {
    long changes = count("changegate_change");
    long windows = count("changegate_calendar_window");
    Map<String, Object> v = new java.util.LinkedHashMap<>();
    v.put(ChangeProcess.TITLE.name(), Map.of("value", "Hotfix straight to prod"));
    v.put(ChangeProcess.SERVICE.name(), Map.of("value", "payments-api"));
    v.put(ChangeProcess.ENVIRONMENT.name(), Map.of("value", "prod"));
    v.put(EmergencyProcess.ARTIFACT_NAME.name(), Map.of("value", "payments-api"));
    v.put(EmergencyProcess.ARTIFACT_VERSION.name(), Map.of("value", "2.0.1"));
    v.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", Changes.newDigest()));
    v.put(ChangeProcess.IMPACT.name(), Map.of("value", "HIGH"));
    v.put(ChangeProcess.INCIDENT_REFERENCE.name(), Map.of("value", "INC-4711"));
    v.put(ChangeProcess.JUSTIFICATION.name(), Map.of("value", "Card payments declined"));

    Http.Response started = as("ops-engineer").post("/engine-rest/process-definition/key/emergency-change/submit-form",
        map("variables", v));

    assertThat(started.status()).as(started.toString()).isEqualTo(400);
    assertThat(started.body()).contains("unknown environment 'prod'");
    Http.Response freeze = as("cab-chair").post("/api/blackouts", map("title", "Freeze prod", "start",
        "2031-01-05T18:00", "end", "2031-01-06T06:00", "timeZone", "UTC", "environment", "prod", "reason", "Peak"));
    assertThat(freeze.status()).isEqualTo(400);
    assertThat(fields(freeze)).containsExactly("environment");
    assertThat(count("changegate_change")).isEqualTo(changes);
    assertThat(count("changegate_calendar_window")).isEqualTo(windows);
  }

  @Test
  void utilizationShowsLastDeploymentsOpenChangesAndProposesToDecommissionAnIdleEnvironment() {
    String id = as("requester").post("/api/changes", Changes.standard("Keeps staging busy")).json().path("id").asText();
    await(id, "COMPLETED|FAILED|ROLLED_BACK");
    JsonNode staging = as("auditor").get("/api/environments/staging/utilization").json();
    assertThat(staging.path("lastDeployment").asText()).isNotEmpty();
    assertThat(staging.path("deploymentsLast30Days").asLong()).isPositive();
    assertThat(staging.path("idle").asBoolean()).isFalse();

    String forgotten = unique("forgotten-lab");
    jdbc.sql("""
            INSERT INTO changegate_environment (name, kind, owner_group, allowed_adapters, promotion_order,
              data_classification, template_parameters, capacity, version, created_by, created_at, updated_by,
              updated_at)
            VALUES (?, 'TEST', 'security', 'sandbox', NULL, 'INTERNAL', '{}', 1, 1, 'admin', ?, 'admin', ?)""")
        .params(forgotten, java.time.OffsetDateTime.now().minusDays(45), java.time.OffsetDateTime.now().minusDays(45))
        .update();
    JsonNode idle = as("auditor").get("/api/environments/" + forgotten + "/utilization").json();
    assertThat(idle.path("idleDays").asLong()).isGreaterThanOrEqualTo(44);
    assertThat(idle.path("idle").asBoolean()).isTrue();
    assertThat(idle.path("proposal").asText()).contains("security is proposed to decommission " + forgotten);
    assertThat(as("auditor").get("/api/environments/nowhere/utilization").status()).isEqualTo(404);
  }

  @Test
  void anAdapterTheOwnerRemovedAfterTheChangeWasAcceptedIsNotUsedForItsDeployment() {
    String lab = unique("adapter-lab");
    assertThat(as("ops-engineer").post("/api/environments", environment(lab, "TEST", "security", null, "sandbox",
        "command")).status()).isEqualTo(201);
    Map<String, Object> change = Changes.normal("Through the command adapter, while it lasts");
    change.put("environment", lab);
    change.put("targets", List.of(map("adapter", "command", "name", "payments-api")));
    String id = submit(change);

    assertThat(put("security-officer", "/api/environments/" + lab, environment(lab, "TEST", "security", null,
        "sandbox")).status()).isEqualTo(200);
    io.changegate.support.Reviews reviews = new io.changegate.support.Reviews(port, tasks);
    reviews.passFmea(id, "requester", io.changegate.support.Reviews.lowRiskWorksheet());
    reviews.signOffAll(id);

    JsonNode refused = await(id, "COMPLETED|FAILED|ROLLED_BACK");
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(refused.path("deployments")).isEmpty();
    assertThat(event(refused, "ADAPTER_NOT_ALLOWED").path("details").path("reason").asText())
        .contains("Adapter 'command' of payments-api is not allowed in " + lab);
  }

  @Test
  void anAdapterTheEnvironmentDoesNotAllowIs400AndNothingIsStored() {
    long before = count("changegate_change");
    Map<String, Object> change = Changes.standard("Command into production");
    change.put("environment", "production");
    change.put("targets", List.of(map("adapter", "sandbox", "name", "payments-api"),
        map("adapter", "command", "name", "payments-worker",
            "migration", map("adapter", "command", "name", "payments-db"))));

    Http.Response refused = as("requester").post("/api/changes", change);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(fields(refused)).containsExactly("targets[1].adapter", "targets[1].migration.adapter");
    assertThat(refused.json().path("errors").get(0).path("message").asText())
        .contains("adapter 'command' is not allowed in production (allowed: sandbox)");
    assertThat(count("changegate_change")).isEqualTo(before);
  }

  @Test
  void productionRulesFollowTheKindOfTheCatalogNotTheName() {
    String live = unique("live");
    int position = 100 + NAMES.incrementAndGet();
    assertThat(as("admin").post("/api/environments", environment(live, "PRODUCTION", "legal", position,
        "sandbox")).status()).isEqualTo(201);
    String lab = unique("production-lab");
    assertThat(as("admin").post("/api/environments", environment(lab, "TEST", "security", null,
        "sandbox")).status()).isEqualTo(201);

    String toLive = submitNormal(live);
    String toLab = submitNormal(lab);

    ReviewContext liveFacts = approvals.reviewContext(toLive);
    assertThat(liveFacts.environmentKind()).isEqualTo("PRODUCTION");
    assertThat(liveFacts.environmentOwner()).isEqualTo("legal");
    assertThat(conflicts.subject(changes.get(toLive)).highRiskProduction()).isTrue();
    ReviewContext labFacts = approvals.reviewContext(toLab);
    assertThat(labFacts.environmentKind()).isEqualTo("TEST");
    assertThat(labFacts.environmentOwner()).isEqualTo("security");
    assertThat(conflicts.subject(changes.get(toLab)).highRiskProduction()).isFalse();
    assertThat(event(as("auditor").get("/api/changes/" + toLive).json(), "SUBMITTED").path("details")
        .path("environmentKind").asText()).isEqualTo("PRODUCTION");

    // the kind stays while changes to the environment are open: they were classified and signed off for it
    Http.Response downgrade = put("admin", "/api/environments/" + live, environment(live, "TEST", "legal", position,
        "sandbox"));
    assertThat(downgrade.status()).as(downgrade.toString()).isEqualTo(409);
    assertThat(downgrade.json().path("detail").asText()).contains(toLive);
    assertThat(as("auditor").get("/api/environments/" + live).json().path("kind").asText()).isEqualTo("PRODUCTION");
  }

  @Test
  void onlyAValidationThroughARealAdapterEarnsPromotionToARealDeployment() {
    for (String name : List.of("staging", "production")) {
      Map<String, Object> current = JSON.convertValue(as("auditor").get("/api/environments/" + name).json(),
          Map.class);
      for (String computed : List.of("version", "createdBy", "createdAt", "updatedBy", "updatedAt")) {
        current.remove(computed);
      }
      current.put("allowedAdapters", List.of("sandbox", "command"));
      assertThat(put("ops-engineer", "/api/environments/" + name, current).status()).isEqualTo(200);
    }
    Map<String, Object> simulated = Changes.standard("Staging in the sandbox");
    Object artifact = simulated.get("artifact");
    assertThat(await(submit(simulated), "COMPLETED|FAILED|ROLLED_BACK").path("status").asText())
        .isEqualTo("COMPLETED");

    Map<String, Object> production = throughCommand("Production for real", "production", artifact);
    JsonNode refused = await(submit(production), "COMPLETED|FAILED|ROLLED_BACK");
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(refused.path("deployments")).isEmpty();
    assertThat(event(refused, "PROMOTION_REFUSED").path("details").path("reason").asText())
        .contains("through a real deployment adapter", "a simulated deployment earns no promotion to a real one");

    String real = submit(throughCommand("Staging for real", "staging", artifact));
    assertThat(await(real, "COMPLETED|FAILED|ROLLED_BACK").path("status").asText()).isEqualTo("COMPLETED");
    JsonNode promoted = await(submit(throughCommand("Production for real, again", "production", artifact)),
        "COMPLETED|FAILED|ROLLED_BACK");
    assertThat(promoted.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(event(promoted, "DEPLOYMENT_PLANNED").path("details").path("validatedBy").asText()).isEqualTo(real);
  }

  private Map<String, Object> withEnvironment(String environment) {
    Map<String, Object> change = Changes.standard("To " + environment);
    change.put("environment", environment);
    return change;
  }

  private static Map<String, Object> throughCommand(String title, String environment, Object artifact) {
    Map<String, Object> change = Changes.standard(title);
    change.put("environment", environment);
    change.put("artifact", artifact);
    change.put("targets", List.of(map("adapter", "command", "name", "payments-api")));
    return change;
  }

  private String submit(Map<String, Object> change) {
    Http.Response created = as("requester").post("/api/changes", change);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  /** A normal change (no template, HIGH impact) that stays open in review. */
  private String submitNormal(String environment) {
    Map<String, Object> change = Changes.normal("Normal change to " + environment);
    change.put("environment", environment);
    change.put("impact", "HIGH");
    return submit(change);
  }
}
