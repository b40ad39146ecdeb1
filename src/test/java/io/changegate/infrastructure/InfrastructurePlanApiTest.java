package io.changegate.infrastructure;

import static io.changegate.support.Timelines.events;
import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Infrastructure plans over real HTTP: a Terraform plan of the documented JSON format summarised on the sign-off
 * form, destroys marked; who may attach one and when; and the deployment refused when the plan changed after its
 * approval or a different plan is presented for applying.
 */
@ChangegateIntegrationTest
class InfrastructurePlanApiTest {

  static final String TERRAFORM = PlanReaderTest.resource("terraform-plan.json");
  static final String HELM = PlanReaderTest.resource("helm-diff.txt");

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired JdbcClient jdbc;

  private Http.Response send(String user, String method, String path, String contentType, String body) {
    Http http = Http.as(port, user);
    return http.send(http.request(path).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  private Http.Response attach(String user, String id, String contentType, String plan) {
    return send(user, "PUT", "/api/changes/" + id + "/infrastructure-plan", contentType, plan);
  }

  private Http.Response verify(String user, String id, String plan) {
    return send(user, "POST", "/api/changes/" + id + "/infrastructure-plan/verification", "application/json", plan);
  }

  /**
   * A normal change to qa (owned by operations); with a delay, planned that far ahead, so that once approved it waits
   * for its planned start.
   */
  private String normalChange(String title, Duration delay) {
    Map<String, Object> body = Changes.normal(title);
    body.put("environment", "qa");
    body.put("service", "infra-" + Long.toHexString(System.nanoTime()));
    if (delay != null) {
      Instant start = Instant.now().plus(delay).truncatedTo(ChronoUnit.SECONDS);
      body.put("plannedStart", start.toString());
      body.put("plannedEnd", start.plus(1, ChronoUnit.HOURS).toString());
    }
    Http.Response created = Http.as(port, "requester").post("/api/changes", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private JsonNode await(String id, String statuses) {
    return Await.until(Duration.ofSeconds(90), () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> c.path("status").asText().matches(statuses), id + " to reach " + statuses);
  }

  private static JsonNode event(JsonNode change, String name) {
    for (JsonNode e : change.path("timeline")) {
      if (name.equals(e.path("event").asText())) {
        return e;
      }
    }
    throw new AssertionError("no " + name + " in " + events(change));
  }

  @Test
  void approversSeeTheSummaryAndAPlanChangedAfterApprovalIsNotDeployed() {
    String id = normalChange("Terraform: new bucket, bigger web, legacy DB gone", Duration.ofSeconds(45));
    Reviews reviews = new Reviews(port, tasks);

    assertThat(attach("reviewer", id, "application/json", TERRAFORM).status()).as("not the requester").isEqualTo(403);
    Http.Response unreadable = attach("requester", id, "application/json", "{\"resources\": []}");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unreadable.json().path("errors").get(0).path("field").asText()).isEqualTo("plan");
    Http.Response attached = attach("requester", id, "application/json", TERRAFORM);
    assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
    String sha = attached.json().path("sha256").asText();
    assertThat(sha).isEqualTo(InfrastructurePlanService.sha256(TERRAFORM.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(attached.json().path("summary").path("deletes").asInt()).isEqualTo(1);
    assertThat(attached.json().path("summary").path("replaces").asInt()).isEqualTo(1);

    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    Task signOff = reviews.awaitTask(id, Reviews.SIGN_OFF);
    String onTheForm = Http.as(port, "ops-engineer").get("/engine-rest/task/" + signOff.getId()
        + "/form-variables").json().path("infrastructurePlan").path("value").asText();
    assertThat(onTheForm).contains("Terraform plan, SHA-256 " + sha, "1 to create, 1 to update, 1 to delete, 1 to"
        + " replace", "⚠ DESTROYS 2:", "⚠ aws_db_instance.legacy", "⚠ module.queue.aws_sqs_queue.jobs (replace)");
    assertThat(attach("requester", id, "text/plain", HELM).status()).as("while the round has it").isEqualTo(409);

    reviews.signOffAll(id);
    assertThat(await(id, "SCHEDULED").path("timeline").findValuesAsText("event")).as("approved, waiting")
        .doesNotContain("DEPLOYING");
    assertThat(attach("requester", id, "text/plain", HELM).status()).as("once approved").isEqualTo(409);
    // someone edits the stored plan after the approval, before the planned start
    jdbc.sql("UPDATE changegate_infrastructure_plan SET content = REPLACE(content, 't3.medium', 'x2iedn.32xlarge')"
        + " WHERE change_id = ?").param(id).update();

    JsonNode refused = await(id, "FAILED|COMPLETED|ROLLED_BACK");
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(refused.path("deployments")).isEmpty();
    assertThat(event(refused, "INFRASTRUCTURE_PLAN_REFUSED").path("details").path("reason").asText())
        .contains("differs from the one approved", sha);
  }

  @Test
  void aDifferentPlanPresentedForApplyingStopsTheDeploymentTheApprovedOneDoesNot() {
    String id = normalChange("Helm: three replicas", null);
    Reviews reviews = new Reviews(port, tasks);
    Http.Response attached = attach("requester", id, "text/plain", HELM);
    assertThat(attached.status()).as(attached.toString()).isEqualTo(201);
    assertThat(attached.json().path("format").asText()).isEqualTo("HELM_DIFF");
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());

    assertThat(verify("requester", id, HELM).status()).as("operations and administrators verify").isEqualTo(403);
    Http.Response same = send("ops-engineer", "POST", "/api/changes/" + id + "/infrastructure-plan/verification",
        "text/plain", HELM);
    assertThat(same.status()).as(same.toString()).isEqualTo(200);
    assertThat(same.json().path("matches").asBoolean()).isTrue();
    Http.Response other = send("ops-engineer", "POST", "/api/changes/" + id + "/infrastructure-plan/verification",
        "text/plain", HELM.replace("replicas: 3", "replicas: 30"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");

    reviews.signOffAll(id);

    JsonNode refused = await(id, "FAILED|COMPLETED|ROLLED_BACK");
    assertThat(refused.path("status").asText()).isEqualTo("FAILED");
    assertThat(events(refused)).containsSubsequence("INFRASTRUCTURE_PLAN_ATTACHED", "INFRASTRUCTURE_PLAN_VERIFIED",
        "INFRASTRUCTURE_PLAN_MISMATCH", "INFRASTRUCTURE_PLAN_REFUSED", "FAILED");
    assertThat(Http.as(port, "auditor").get("/api/changes/" + id + "/infrastructure-plan").json()
        .path("summary").path("destroyed").get(0).asText()).isEqualTo("default/payments-api-legacy Service (v1)");
  }

  @Test
  void theApprovedPlanIsDeployed() {
    String id = normalChange("Terraform, approved as it stands", null);
    Reviews reviews = new Reviews(port, tasks);
    assertThat(attach("requester", id, "application/json", TERRAFORM).status()).isEqualTo(201);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    assertThat(verify("ops-engineer", id, TERRAFORM).status()).isEqualTo(200);
    reviews.signOffAll(id);

    JsonNode done = await(id, "FAILED|COMPLETED|ROLLED_BACK");
    assertThat(done.path("status").asText()).as(events(done).toString()).isEqualTo("COMPLETED");
    assertThat(events(done)).doesNotContain("INFRASTRUCTURE_PLAN_REFUSED");
    assertThat(Http.as(port, "auditor").get("/api/changes/CHG-999999/infrastructure-plan").status()).isEqualTo(404);
  }
}
