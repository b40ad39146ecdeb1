package io.changegate.calendar;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Release planning between services over real HTTP: dependencies with required versions ({@code "ledger >= 2.0"}),
 * the owner group of a service, a change's dependents on {@code GET /api/changes/{id}} and on the sign-off form with
 * their overlapping changes, the dependents' owners among the sign-offs, and the required version checked at intake
 * against what Changegate last deployed in the change's environment (unmet: 400, nothing stored).
 */
@ChangegateIntegrationTest
class ServiceDependencyApiTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  private Reviews reviews;
  private String suffix;

  @BeforeEach
  void setUp() {
    reviews = new Reviews(port, tasks);
    suffix = "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  }

  private Http.Response declare(String service, Map<String, Object> body) {
    return CalendarApiTest.put(Http.as(port, "ops-engineer"), "/api/services/" + service + "/dependencies", body);
  }

  private static Map<String, Object> change(String service, String version, String start, String end) {
    Map<String, Object> change = map("title", "Change of " + service, "service", service, "environment", "staging",
        "artifact", map("name", service, "version", version, "digest", Changes.newDigest()),
        "impact", "MEDIUM", "urgency", "LOW");
    if (start != null) {
      change.put("plannedStart", start);
      change.put("plannedEnd", end);
    }
    return change;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  @Test
  void aDeclarationCarriesRequiredVersionsAndAnOwnerAndItsErrorsAreAnsweredAtOnce() {
    String checkout = "checkout" + suffix;
    Http.Response declared = declare(checkout, map("dependsOn", List.of("ledger" + suffix + " >= 2.3", "aws-rds"),
        "ownerGroup", "legal"));

    assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
    assertThat(texts(declared.json().path("dependsOn"))).containsExactly("aws-rds", "ledger" + suffix + " >= 2.3");
    assertThat(declared.json().path("ownerGroup").asText()).isEqualTo("legal");
    assertThat(declared.json().path("requires").get(1).path("minVersion").asText()).isEqualTo("2.3");
    JsonNode ledger = Http.as(port, "auditor").get("/api/services/ledger" + suffix + "/dependencies").json();
    assertThat(ledger.path("dependents").get(0).path("service").asText()).isEqualTo(checkout);
    assertThat(ledger.path("dependents").get(0).path("minVersion").asText()).isEqualTo("2.3");

    Http.Response bad = declare(checkout, map("dependsOn", List.of("ledger >= ", "ledger >= two", "aws-rds >= 1",
        "aws-rds >= 2"), "ownerGroup", "no-such-group"));
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.json().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("dependsOn[0]", "dependsOn[1]", "dependsOn[3]", "ownerGroup");
    assertThat(texts(Http.as(port, "auditor").get("/api/services/" + checkout + "/dependencies").json()
        .path("dependsOn"))).as("nothing stored").hasSize(2);
    Http.Response notASigner = declare(checkout, map("dependsOn", List.of("aws-rds"), "ownerGroup", "developers"));
    assertThat(notASigner.status()).as(notASigner.toString()).isEqualTo(400);
    assertThat(notASigner.body()).contains("does not work sign-offs");
    assertThat(CalendarApiTest.put(Http.as(port, "requester"), "/api/services/" + checkout + "/dependencies",
        map("dependsOn", List.of("x >= 1"))).status()).as("requesters may not declare").isEqualTo(403);
  }

  @Test
  void aRequiredVersionIsCheckedAgainstWhatRunsInTheEnvironment() {
    // what staging runs of payments-api: a completed standard change (version 1.4.2)
    String deployed = Http.as(port, "requester").post("/api/changes", Changes.standard("payments-api for "
        + suffix)).json().path("id").asText();
    Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + deployed).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED|ROLLED_BACK"), deployed + " to finish");
    String storefront = "storefront" + suffix;

    declare(storefront, map("dependsOn", List.of("payments-api >= 999.1")));
    Http.Response unmet = Http.as(port, "requester").post("/api/changes", change(storefront, "1.0.0", null, null));
    assertThat(unmet.status()).as(unmet.toString()).isEqualTo(400);
    assertThat(unmet.json().path("errors").get(0).path("field").asText()).isEqualTo("service");
    assertThat(unmet.json().path("errors").get(0).path("message").asText())
        .contains("requires payments-api >= 999.1").contains("staging runs payments-api");

    declare(storefront, map("dependsOn", List.of("ghost" + suffix + " >= 1.0")));
    Http.Response unknown = Http.as(port, "requester").post("/api/changes", change(storefront, "1.0.0", null, null));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
    assertThat(unknown.body()).contains("no completed deployment of ghost" + suffix + " to staging");

    declare(storefront, map("dependsOn", List.of("payments-api >= 1.0")));
    Http.Response met = Http.as(port, "requester").post("/api/changes", change(storefront, "1.0.0", null, null));
    assertThat(met.status()).as(met.toString()).isEqualTo(201);
    Http.as(port, "requester").post("/api/changes/" + met.json().path("id").asText() + "/cancel", "{}");
    declare(storefront, map("dependsOn", List.of()));
  }

  @Test
  void aChangeListsItsDependentsWithTheirOverlappingChangesAndTheirOwnersSignOff() {
    String ledger = "ledger" + suffix;
    String checkout = "checkout" + suffix;
    String reports = "reports" + suffix;
    assertThat(declare(checkout, map("dependsOn", List.of(ledger), "ownerGroup", "legal")).status()).isEqualTo(200);
    assertThat(declare(reports, map("dependsOn", List.of(ledger + " >= 1.0"))).status()).isEqualTo(200);
    String dependentChange = Http.as(port, "requester").post("/api/changes",
        change(checkout, "3.0.0", "2031-06-01T10:00:00Z", "2031-06-01T11:00:00Z")).json().path("id").asText();
    String apart = Http.as(port, "requester").post("/api/changes",
        change(checkout, "3.0.1", "2031-06-02T10:00:00Z", "2031-06-02T11:00:00Z")).json().path("id").asText();

    String id = Http.as(port, "requester").post("/api/changes",
        change(ledger, "2.0.0", "2031-06-01T10:30:00Z", "2031-06-01T11:30:00Z")).json().path("id").asText();

    JsonNode view = Http.as(port, "auditor").get("/api/changes/" + id).json();
    JsonNode dependents = view.path("dependents");
    assertThat(dependents).as(view.toString()).hasSize(2);
    assertThat(dependents.get(0).path("service").asText()).isEqualTo(checkout);
    assertThat(dependents.get(0).path("ownerGroup").asText()).isEqualTo("legal");
    assertThat(texts(dependents.get(0).path("overlappingChanges"))).containsExactly(dependentChange)
        .doesNotContain(apart);
    assertThat(dependents.get(1).path("service").asText()).isEqualTo(reports);
    assertThat(dependents.get(1).path("requires").asText()).isEqualTo(">= 1.0");

    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    List<Task> signOffs = Await.until(Duration.ofSeconds(60), () -> tasks.createTaskQuery()
        .processInstanceBusinessKey(id).taskDefinitionKey(Reviews.SIGN_OFF).list(), l -> l.size() >= 2,
        "the sign-offs of " + id);
    List<String> groups = new ArrayList<>();
    for (Task task : signOffs) {
      tasks.getIdentityLinksForTask(task.getId()).stream().filter(link -> link.getGroupId() != null)
          .forEach(link -> groups.add(link.getGroupId()));
    }
    assertThat(groups).contains("operations", "legal");
    String onTheForm = String.valueOf(tasks.getVariable(signOffs.get(0).getId(), "dependents"));
    assertThat(onTheForm).contains(checkout + " · owner legal · overlapping changes: " + dependentChange)
        .contains(reports + " (requires >= 1.0) · owner not declared");
    JsonNode required = null;
    for (JsonNode event : Http.as(port, "auditor").get("/api/changes/" + id).json().path("timeline")) {
      if ("SIGN_OFFS_REQUIRED".equals(event.path("event").asText())) {
        required = event.path("details");
      }
    }
    assertThat(required).isNotNull();
    assertThat(texts(required.path("dependentOwners"))).containsExactly("legal");

    for (String open : List.of(id, dependentChange, apart)) {
      Http.as(port, "requester").post("/api/changes/" + open + "/cancel", "{}");
    }
  }
}
