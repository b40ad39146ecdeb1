package io.changegate.security;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.LoopbackClient;
import io.changegate.support.Reviews;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Service accounts over real HTTP: an administrator creates one and sees its token once; the token opens the four
 * pipeline endpoints of its scope on {@code /api} and nothing else (other services and environments, other
 * endpoints, {@code /engine-rest}, the webapps' API, the actuator); an expired or revoked token is refused; every use
 * is in the audit trail under the account; the token is never stored, logged or written to history. Refused tokens are
 * sent from loopback addresses of their own (127.0.21.x), so the login throttle's count for 127.0.0.1 is untouched.
 */
@ChangegateIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ServiceAccountApiTest {

  private static final AtomicInteger NAMES = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;

  private record Account(String name, String token) {}

  private Account create(List<String> services, List<String> environments, List<String> actions) {
    return create("requester", services, environments, actions);
  }

  private Account create(String owner, List<String> services, List<String> environments, List<String> actions) {
    String name = "ci-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000);
    Http.Response created = Http.as(port, "admin").post("/api/service-accounts", map("name", name,
        "description", "payments pipeline", "owner", owner, "services", services, "environments", environments,
        "actions", actions));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/service-accounts/" + name);
    return new Account(name, created.json().path("token").asText());
  }

  private Http.Response as(Account account, String method, String path, Object body) {
    Http anonymous = Http.anonymous(port);
    var request = anonymous.request(path).header("Authorization", "Bearer " + account.token());
    if (body == null) {
      return anonymous.send(request.method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
    }
    try {
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
      return anonymous.send(request.header("Content-Type", "application/json")
          .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> change(String service, String environment) {
    Map<String, Object> change = Changes.standard("Token change");
    change.put("service", service);
    change.put("environment", environment);
    return change;
  }

  @Test
  void administratorsCreateAccountsAndSeeTheTokenOnce() {
    Account account = create(List.of("payments-api"), List.of("staging"), List.of("submit-changes"));
    assertThat(account.token()).matches("cgt_[A-Za-z0-9_-]{43}");

    JsonNode listed = Http.as(port, "admin").get("/api/service-accounts").json();
    JsonNode mine = null;
    for (JsonNode a : listed) {
      if (a.path("name").asText().equals(account.name())) {
        mine = a;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(mine.path("owner").asText()).isEqualTo("requester");
    assertThat(mine.path("tokenPrefix").asText()).isEqualTo(account.token().substring(0, 10));
    assertThat(listed.toString()).doesNotContain(account.token());
    assertThat(Http.as(port, "admin").get("/api/service-accounts/" + account.name()).body())
        .doesNotContain(account.token());

    assertThat(Http.as(port, "ops-engineer").get("/api/service-accounts").status()).isEqualTo(403);
    assertThat(Http.as(port, "security-officer").post("/api/service-accounts", map("name", "x",
        "services", List.of("*"), "environments", List.of("*"), "actions", List.of("submit-changes"))).status())
        .isEqualTo(403);
    assertThat(as(account, "GET", "/api/service-accounts", null).status()).as("a token manages no tokens")
        .isEqualTo(403);
  }

  @Test
  void invalidAccountsAreRefusedWithEveryField() {
    Http.Response refused = Http.as(port, "admin").post("/api/service-accounts", map("name", "Bad Name",
        "services", List.of(), "environments", List.of("prod uction"), "actions", List.of("deploy-anything"),
        "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).toString()));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("\"name\"", "\"owner\"", "\"services\"", "\"environments[0]\"",
        "\"actions[0]\"", "\"expiresAt\"");
    Account account = create(List.of("*"), List.of("*"), List.of("read-changes"));
    assertThat(Http.as(port, "admin").post("/api/service-accounts", map("name", account.name(),
        "owner", "requester", "services", List.of("*"), "environments", List.of("*"), "actions", List.of("read-changes"))).status())
        .isEqualTo(409);
  }

  @Test
  void everyAccountHasAPersonAsItsOwner() {
    Map<String, Object> body = map("name", "ownerless-" + NAMES.incrementAndGet(), "services", List.of("*"),
        "environments", List.of("*"), "actions", List.of("submit-changes"));
    Http.Response none = Http.as(port, "admin").post("/api/service-accounts", body);
    assertThat(none.status()).as(none.toString()).isEqualTo(400);
    assertThat(none.json().path("errors").findValuesAsText("field")).containsExactly("owner");

    body.put("owner", "nobody-of-that-name");
    Http.Response unknown = Http.as(port, "admin").post("/api/service-accounts", body);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"owner\"", "existing Changegate user");

    Account other = create(List.of("*"), List.of("*"), List.of("read-changes"));
    body.put("owner", "svc:" + other.name());
    Http.Response account = Http.as(port, "admin").post("/api/service-accounts", body);
    assertThat(account.status()).as("a service account owns no service account").isEqualTo(400);
    assertThat(account.body()).contains("\"owner\"", "not a service account");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_service_account WHERE name = ?").param(body.get("name"))
        .query(Integer.class).single()).as("nothing stored").isZero();
  }

  @Test
  void theOwnerDoesTheRequestersStepsOfTheAccountsNormalChangeAndSignsNone() {
    Account account = create("ops-engineer", List.of("payments-api"), List.of("production"),
        List.of("submit-changes", "read-changes"));
    Http.Response submitted = as(account, "POST", "/api/changes", Changes.normal("Pipeline's normal change"));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    assertThat(submitted.json().path("requester").asText()).isEqualTo("svc:" + account.name());
    Reviews reviews = new Reviews(port, tasks);

    // the FMEA worksheet, the requester's own step, is offered to the owner and recorded as theirs
    Task fill = reviews.awaitTask(id, Reviews.FILL_FMEA);
    assertThat(offeredTo(fill)).contains("user ops-engineer");
    assertThat(jdbc.sql("SELECT candidate_users FROM changegate_task WHERE task_id = ?").param(fill.getId())
        .query(String.class).single()).contains("ops-engineer");
    Map<String, Object> worksheet = Map.of("fmea", Reviews.json(Reviews.lowRiskWorksheet()));
    Http.Response stranger = reviews.complete("requester", fill.getId(), worksheet);
    assertThat(stranger.status()).as("another person is not the owner: " + stranger).isBetween(400, 499);
    assertThat(stranger.body()).contains("not for requester");
    Http.Response filled = reviews.complete("ops-engineer", fill.getId(), worksheet);
    assertThat(filled.status()).as(filled.toString()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT completed_by FROM changegate_task WHERE task_id = ?").param(fill.getId())
        .query(String.class).single()).isEqualTo("ops-engineer");

    // the owner counts as the requester: they neither assess the worksheet nor sign the change off
    Task assess = reviews.awaitTask(id, Reviews.ASSESS_FMEA);
    assertThat(offeredTo(assess)).doesNotContain("user ops-engineer", "group operations").contains("user ops-lead");
    Http.Response assessedByOwner = reviews.complete("ops-engineer", assess.getId(),
        Reviews.decision("APPROVE", "looks fine"));
    assertThat(assessedByOwner.status()).as(assessedByOwner.toString()).isBetween(400, 499);
    assertThat(assessedByOwner.body()).contains("ops-engineer owns svc:" + account.name());
    assertThat(reviews.complete("ops-lead", assess.getId(), Reviews.decision("APPROVE", "sound")).status())
        .isEqualTo(204);

    Task signOff = reviews.awaitTask(id, Reviews.SIGN_OFF);
    assertThat(signOff.getName()).isEqualTo("Sign off (operations)");
    assertThat(offeredTo(signOff)).as("the owner is not offered the sign-off")
        .doesNotContain("user ops-engineer", "group operations").contains("user ops-lead");
    Http.Response claimed = Http.as(port, "ops-engineer").post("/engine-rest/task/" + signOff.getId() + "/claim",
        map("userId", "ops-engineer"));
    assertThat(claimed.status()).as(claimed.toString()).isBetween(400, 499);
    Http.Response signedByOwner = reviews.complete("ops-engineer", signOff.getId(),
        Reviews.decision("APPROVE", null));
    assertThat(signedByOwner.status()).as(signedByOwner.toString()).isBetween(400, 499);
    assertThat(signedByOwner.body()).contains("ops-engineer owns svc:" + account.name(), "segregation of duties");
    assertThat(tasks.createTaskQuery().taskId(signOff.getId()).singleResult()).as("the sign-off is still open")
        .isNotNull();
    assertThat(Http.as(port, "ops-engineer").get("/api/changes/" + id).json().path("approvals")
        .findValuesAsText("who")).doesNotContain("ops-engineer");
  }

  private List<String> offeredTo(Task task) {
    List<String> offered = new java.util.ArrayList<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if ("candidate".equals(link.getType())) {
        offered.add(link.getGroupId() != null ? "group " + link.getGroupId() : "user " + link.getUserId());
      }
    }
    return offered;
  }

  @Test
  void aTokenActsWithinItsScopeAndIsAttributed() {
    Account account = create(List.of("payments-api"), List.of("staging"), List.of("submit-changes", "read-changes"));

    Http.Response submitted = as(account, "POST", "/api/changes", change("payments-api", "staging"));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    assertThat(submitted.json().path("requester").asText()).isEqualTo("svc:" + account.name());
    assertThat(as(account, "GET", "/api/changes/" + id, null).status()).isEqualTo(200);

    Http.Response otherService = as(account, "POST", "/api/changes", change("ledger", "staging"));
    assertThat(otherService.status()).isEqualTo(403);
    assertThat(otherService.json().path("detail").asText()).contains("payments-api");
    assertThat(as(account, "POST", "/api/changes", change("payments-api", "production")).status()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change WHERE requester = ?").param("svc:" + account.name())
        .query(Integer.class).single()).as("the refused submissions stored nothing").isEqualTo(1);

    // a change of another service is not readable with it
    String other = Http.as(port, "requester").post("/api/changes", change("ledger", "staging")).json().path("id")
        .asText();
    assertThat(as(account, "GET", "/api/changes/" + other, null).status()).isEqualTo(403);

    // nothing else on /api, nothing outside /api
    assertThat(as(account, "GET", "/api/changes", null).status()).isEqualTo(403);
    assertThat(as(account, "GET", "/api/changes/stats", null).status()).isEqualTo(403);
    assertThat(as(account, "POST", "/api/changes/" + id + "/cancel", map()).status()).isEqualTo(403);
    assertThat(as(account, "GET", "/api/audit/verification", null).status()).isEqualTo(403);
    assertThat(as(account, "GET", "/api/blackouts", null).status()).isEqualTo(403);
    assertThat(as(account, "POST", "/api/artifacts/" + Changes.newDigest() + "/scans", map()).status())
        .as("no submit-scans in its scope").isEqualTo(403);
    assertThat(Http.anonymous(port).get("/api/changes/" + id).status()).as("nobody").isEqualTo(401);
    assertThat(Http.anonymous(port).get("/api/changes").status()).isEqualTo(401);
    assertThat(Http.anonymous(port).get("/api/artifacts/" + Changes.newDigest() + "/scans").status()).isEqualTo(401);
    assertThat(as(account, "GET", "/engine-rest/task", null).status()).isEqualTo(401);
    assertThat(as(account, "GET", "/engine-rest/process-instance?businessKey=" + id, null).status()).isEqualTo(401);
    assertThat(as(account, "GET", "/camunda/api/engine/engine/default/task", null).status()).isIn(401, 403);
    assertThat(as(account, "GET", "/actuator/prometheus", null).status()).isEqualTo(401);

    // every use is attributed to the account, with its answer
    List<Map<String, Object>> uses = jdbc.sql("SELECT action, details FROM changegate_audit WHERE actor = ?"
        + " ORDER BY seq").param("svc:" + account.name()).query().listOfRows();
    assertThat(uses).extracting(r -> r.get("ACTION")).contains("SUBMITTED", "SERVICE_ACCOUNT_USED");
    assertThat(uses.stream().map(r -> (String) r.get("DETAILS")).filter(d -> d.contains("\"status\":403")).count())
        .isGreaterThanOrEqualTo(4);
    assertThat(Http.as(port, "admin").get("/api/service-accounts/" + account.name()).json().path("lastUsedAt")
        .isMissingNode()).isFalse();
  }

  @Test
  void expiredAndRevokedTokensAreRefused() {
    LoopbackClient pipeline = new LoopbackClient("127.0.21.1", port);
    Account expiring = create(List.of("*"), List.of("*"), List.of("read-changes"));
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + expiring.token());
    String id = Http.as(port, "requester").post("/api/changes", Changes.standard("Read me")).json().path("id")
        .asText();
    assertThat(pipeline.get("/api/changes/" + id, bearer).status()).isEqualTo(200);
    jdbc.sql("UPDATE changegate_service_account SET expires_at = ? WHERE name = ?")
        .params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), expiring.name()).update();
    LoopbackClient.Answer expired = pipeline.get("/api/changes/" + id, bearer);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(Http.as(port, "admin").get("/api/service-accounts/" + expiring.name()).json().path("status").asText())
        .isEqualTo("EXPIRED");

    Account revoked = create(List.of("*"), List.of("*"), List.of("read-changes"));
    Map<String, String> revokedBearer = Map.of("Authorization", "Bearer " + revoked.token());
    assertThat(pipeline.get("/api/changes/" + id, revokedBearer).status()).isEqualTo(200);
    Http.Response revocation = Http.as(port, "admin").post("/api/service-accounts/" + revoked.name() + "/revoke", "");
    assertThat(revocation.status()).isEqualTo(200);
    assertThat(revocation.json().path("status").asText()).isEqualTo("REVOKED");
    assertThat(revocation.json().path("revokedBy").asText()).isEqualTo("admin");
    assertThat(pipeline.get("/api/changes/" + id, revokedBearer).status()).isEqualTo(401);
    assertThat(Http.as(port, "admin").post("/api/service-accounts/" + revoked.name() + "/revoke", "").status())
        .isEqualTo(409);

    assertThat(pipeline.get("/api/changes/" + id, Map.of("Authorization", "Bearer cgt_"
        + "A".repeat(43))).status()).as("an unknown token").isEqualTo(401);
    assertThat(jdbc.sql("SELECT details FROM changegate_audit WHERE action = 'SERVICE_ACCOUNT_REFUSED' AND actor IN"
        + " (?, ?)").params("svc:" + expiring.name(), "svc:" + revoked.name()).query(String.class).list())
        .anySatisfy(d -> assertThat(d).contains("expired at"))
        .anySatisfy(d -> assertThat(d).contains("revoked at", "127.0.21.1"));
  }

  @Test
  void guessingTokensIsThrottled() {
    LoopbackClient guesser = new LoopbackClient("127.0.21.2", port);
    int status = 0;
    for (int i = 0; i < 40 && status != 429; i++) {
      status = guesser.get("/api/changes/CHG-000001", Map.of("Authorization", "Bearer cgt_"
          + String.format("%043d", i))).status();
    }
    assertThat(status).isEqualTo(429);
    Account account = create(List.of("*"), List.of("*"), List.of("read-changes"));
    LoopbackClient.Answer evenValid = guesser.get("/api/changes/CHG-000001",
        Map.of("Authorization", "Bearer " + account.token()));
    assertThat(evenValid.status()).as("the client stays throttled").isEqualTo(429);
    assertThat(evenValid.header("Retry-After")).isNotBlank();
  }

  @Test
  void theTokenIsNeverStoredLoggedOrInHistory(CapturedOutput output) {
    Account account = create(List.of("payments-api"), List.of("staging"), List.of("submit-changes", "read-changes"));
    Http.Response submitted = as(account, "POST", "/api/changes", change("payments-api", "staging"));
    assertThat(submitted.status()).isEqualTo(201);
    as(account, "GET", "/api/changes/" + submitted.json().path("id").asText(), null);
    as(account, "GET", "/engine-rest/task", null);

    String secret = account.token().substring(ServiceAccounts.TOKEN_PREFIX.length());
    assertThat(output.getAll()).doesNotContain(secret);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_audit WHERE details LIKE ?").param("%" + secret + "%")
        .query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_service_account WHERE token_hash LIKE ? OR token_prefix"
        + " LIKE ?").params("%" + secret + "%", "%" + secret + "%").query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE TEXT_ LIKE ? OR TEXT2_ LIKE ?")
        .params("%" + secret + "%", "%" + secret + "%").query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE TEXT_ LIKE ? OR TEXT2_ LIKE ?")
        .params("%" + secret + "%", "%" + secret + "%").query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM changegate_change WHERE requester LIKE ?").param("%" + secret + "%")
        .query(Integer.class).single()).isZero();
  }
}
