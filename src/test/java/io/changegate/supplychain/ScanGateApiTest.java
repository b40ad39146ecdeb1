package io.changegate.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.change.ChangeProcess;
import io.changegate.emergency.EmergencyProcess;
import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import io.changegate.support.Reviews;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The security scan gate over real HTTP: scans posted per digest (SARIF, CycloneDX), the decision security-scan-gate
 * at classification and before deployment, the findings on the sign-off form, malformed scans refused with where they
 * are wrong. With real scanner output: a SARIF log from secretlint (npm; {@code .ci/run} installs it, the test is
 * skipped without it off CI) and Changegate's own SBOM from the CycloneDX Maven plugin (the build makes it before the
 * tests).
 */
@ChangegateIntegrationTest
class ScanGateApiTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path SECRETLINT = Path.of(System.getenv().getOrDefault("CHANGEGATE_SECRETLINT",
      "/opt/changegate-scanners/node_modules/.bin/secretlint"));
  static final Path OWN_SBOM = Path.of("target/changegate-sbom.json");

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  private Http.Response postScan(String user, String digest, String mediaType, byte[] body) {
    Http http = Http.as(port, user);
    return http.send(http.request("/api/artifacts/" + digest + "/scans").header("Content-Type", mediaType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Http.Response postScan(String digest, String mediaType, String body) {
    return postScan("requester", digest, mediaType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> templateChange(String digest) {
    Map<String, Object> change = Changes.standard("Scanned change");
    change.put("artifact", Http.map("name", "payments-api", "version", "1.4.2", "digest", digest));
    return change;
  }

  private JsonNode awaitStatus(String id, String... statuses) {
    return Await.until(WAIT, () -> Http.as(port, "auditor").get("/api/changes/" + id).json(),
        c -> List.of(statuses).contains(c.path("status").asText()), id + " in " + List.of(statuses));
  }

  private static List<JsonNode> events(JsonNode change, String event) {
    List<JsonNode> found = new ArrayList<>();
    change.path("timeline").forEach(e -> {
      if (e.path("event").asText().equals(event)) {
        found.add(e);
      }
    });
    return found;
  }

  static final String CRITICAL_SARIF = """
      {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep", "rules": [
        {"id": "java.lang.security.audit.sqli", "properties": {"security-severity": "9.8"}}]}},
       "results": [{"ruleId": "java.lang.security.audit.sqli", "level": "error",
         "message": {"text": "SQL built from request input"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/main/java/Db.java"},
           "region": {"startLine": 42}}}]}]}]}""";

  /**
   * The environment of the test profile where a scan is required ({@code changegate.scans.required-environments}):
   * added to the environment catalog once (a change naming an environment the catalog lacks is refused).
   */
  private String hardenedEnvironment() {
    Http.Response created = Http.as(port, "admin").post("/api/environments", Http.map("name", "hardened", "kind",
        "TEST", "ownerGroup", "security", "allowedAdapters", List.of("sandbox"), "dataClassification", "INTERNAL",
        "capacity", 3));
    assertThat(created.status()).as(created.toString()).isIn(201, 409);
    return "hardened";
  }

  @Test
  void aSarifWithACriticalFindingRefusesTheChange() {
    String digest = Changes.newDigest();
    Http.Response scanned = postScan(digest, "application/sarif+json", CRITICAL_SARIF);
    assertThat(scanned.status()).as(scanned.toString()).isEqualTo(201);
    assertThat(scanned.json().path("critical").asInt()).isEqualTo(1);
    assertThat(scanned.json().path("tool").asText()).isEqualTo("semgrep");

    Http.Response submitted = Http.as(port, "requester").post("/api/changes", templateChange(digest));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    JsonNode change = awaitStatus(submitted.json().path("id").asText(), "REJECTED");
    JsonNode checked = events(change, "SCAN_GATE_CHECKED").get(0);
    assertThat(checked.path("details").path("verdict").asText()).isEqualTo("REFUSE");
    assertThat(events(change, "SCAN_GATE_REFUSED").get(0).path("details").path("reason").asText())
        .isEqualTo("1 critical finding(s): fix them before this artifact is deployed");
    assertThat(change.path("deployments")).isEmpty();
    assertThat(change.path("type").isNull() || change.path("type").isMissingNode()).as("never classified").isTrue();
  }

  static final String HIGH_SBOM = """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "metadata": {"tools": {"components": [{"type": "application", "name": "trivy", "version": "0.58.0"}]}},
       "components": [{"type": "library", "bom-ref": "pkg:maven/com.example/parser@2.1.0", "name": "parser",
                       "version": "2.1.0", "purl": "pkg:maven/com.example/parser@2.1.0"}],
       "vulnerabilities": [{"id": "CVE-2026-31337", "description": "Unbounded recursion in the parser",
         "ratings": [{"severity": "high", "score": 7.5, "method": "CVSSv31"}],
         "affects": [{"ref": "pkg:maven/com.example/parser@2.1.0"}]}]}""";

  @Test
  void theEcabSeesTheScanFindingsOnItsApprovalForm() {
    String digest = Changes.newDigest();
    assertThat(postScan(digest, "application/vnd.cyclonedx+json", HIGH_SBOM).status()).isEqualTo(201);
    Map<String, Object> start = new java.util.LinkedHashMap<>();
    start.put(ChangeProcess.TITLE.name(), Map.of("value", "Hotfix the parser"));
    start.put(ChangeProcess.SERVICE.name(), Map.of("value", "payments-api"));
    start.put(ChangeProcess.ENVIRONMENT.name(), Map.of("value", "staging"));
    start.put(EmergencyProcess.ARTIFACT_NAME.name(), Map.of("value", "payments-api"));
    start.put(EmergencyProcess.ARTIFACT_VERSION.name(), Map.of("value", "2.0.2"));
    start.put(ChangeProcess.ARTIFACT_DIGEST.name(), Map.of("value", digest));
    start.put(ChangeProcess.IMPACT.name(), Map.of("value", "HIGH"));
    start.put(ChangeProcess.INCIDENT_REFERENCE.name(), Map.of("value", "INC-4712"));
    start.put(ChangeProcess.JUSTIFICATION.name(), Map.of("value", "The parser crashes on every checkout"));
    start.put(EmergencyProcess.ERROR_RATE_MAX.name(), Map.of("value", 0.02, "type", "Double"));
    Http.Response started = Http.as(port, "ops-engineer").post(
        "/engine-rest/process-definition/key/emergency-change/submit-form", Http.map("variables", start));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String id = started.json().path("businessKey").asText();

    Task ecab = new Reviews(port, tasks).awaitTask(id, "Task_EcabApproval");
    JsonNode form = Http.as(port, "cab-chair").get("/engine-rest/task/" + ecab.getId()
        + "/form-variables?variableNames=scanFindings").json();
    assertThat(form.path("scanFindings").path("value").asText()).contains("1 high", "CVE-2026-31337",
        "pkg:maven/com.example/parser@2.1.0", "trivy");
    Http.Response deployedForm = Http.as(port, "cab-chair").get("/engine-rest/task/" + ecab.getId()
        + "/deployed-form");
    assertThat(deployedForm.status()).as(deployedForm.toString()).isEqualTo(200);
    assertThat(deployedForm.json().path("id").asText()).isEqualTo("ecab-approval");
    assertThat(deployedForm.json().path("components").findValuesAsText("key")).as("the form shows them")
        .contains("scanFindings");
  }

  @Test
  void aCycloneDxSbomWithAHighVulnerabilityNeedsSecuritysSignOff() {
    String digest = Changes.newDigest();
    assertThat(postScan(digest, "application/vnd.cyclonedx+json", HIGH_SBOM).status()).isEqualTo(201);

    Http.Response submitted = Http.as(port, "requester").post("/api/changes", templateChange(digest));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String id = submitted.json().path("id").asText();
    assertThat(submitted.json().path("type").asText()).as("not standard any more").isEqualTo("NORMAL");
    assertThat(submitted.json().path("classificationReason").asText()).contains("security's sign-off",
        "1 high finding(s)");

    Reviews reviews = new Reviews(port, tasks);
    reviews.passFmea(id, "requester", Reviews.lowRiskWorksheet());
    List<Task> signOffs = Await.until(WAIT, () -> tasks.createTaskQuery().processInstanceBusinessKey(id)
        .taskDefinitionKey(Reviews.SIGN_OFF).list(), list -> !list.isEmpty(), "sign-offs of " + id);
    Task security = signOffs.stream().filter(t -> tasks.getIdentityLinksForTask(t.getId()).stream()
        .anyMatch(l -> "security".equals(l.getGroupId()))).findFirst()
        .orElseThrow(() -> new AssertionError("no security sign-off among " + signOffs.size()));
    JsonNode form = Http.as(port, "security-officer").get("/engine-rest/task/" + security.getId()
        + "/form-variables?variableNames=scanFindings").json();
    assertThat(form.path("scanFindings").path("value").asText()).contains("1 high", "CVE-2026-31337",
        "pkg:maven/com.example/parser@2.1.0", "trivy");

    reviews.signOffAll(id);
    JsonNode done = awaitStatus(id, "COMPLETED", "FAILED", "REJECTED");
    assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    JsonNode atDeployment = events(done, "SCAN_GATE_CHECKED").get(1).path("details");
    assertThat(atDeployment.path("at").asText()).isEqualTo("deployment");
    assertThat(atDeployment.path("verdict").asText()).isEqualTo("PASS");
    assertThat(atDeployment.path("securitySignedOff").asBoolean()).isTrue();
    JsonNode deployed = events(done, "DEPLOYED").get(0).path("details");
    assertThat(deployed.path("settings").path("adapter").asText()).as("what it deployed with").isEqualTo("sandbox");
    assertThat(deployed.path("configurationSha256").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void whereAScanIsRequiredAChangeWithoutOneIsRefusedWithTheReason() {
    Map<String, Object> change = Changes.normal("Unscanned");
    change.put("environment", hardenedEnvironment());
    Http.Response submitted = Http.as(port, "requester").post("/api/changes", change);
    assertThat(submitted.status()).isEqualTo(201);
    JsonNode refused = awaitStatus(submitted.json().path("id").asText(), "REJECTED");
    assertThat(events(refused, "SCAN_GATE_REFUSED").get(0).path("details").path("reason").asText())
        .contains("No security scan", "requires one");
  }

  @Test
  void aMalformedScanIsRefusedWithWhereItIsWrongAndNothingIsStored() {
    String digest = Changes.newDigest();
    Http.Response badSarif = postScan(digest, "application/sarif+json", CRITICAL_SARIF.replace("\"error\"",
        "\"fatal\""));
    assertThat(badSarif.status()).isEqualTo(400);
    assertThat(badSarif.header("Content-Type")).startsWith("application/problem+json");
    assertThat(badSarif.json().path("errors").get(0).path("field").asText()).isEqualTo("runs[0].results[0].level");

    Http.Response badSbom = postScan(digest, "application/vnd.cyclonedx+json", HIGH_SBOM.replace("\"high\"",
        "\"severe\""));
    assertThat(badSbom.status()).isEqualTo(400);
    assertThat(badSbom.body()).contains("vulnerabilities[0].ratings[0].severity");

    Http.Response notJson = postScan(digest, "application/sarif+json", "{\"version\": \"2.1.0\",\n \"runs\": [");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().path("errors").get(0).path("field").asText()).startsWith("line 2");

    assertThat(postScan(digest, "application/json", CRITICAL_SARIF).status()).isEqualTo(415);
    assertThat(postScan("sha256:nothex", "application/sarif+json", CRITICAL_SARIF).status()).isEqualTo(400);
    assertThat(postScan("auditor", digest, "application/sarif+json", CRITICAL_SARIF.getBytes()).status())
        .as("auditors read, they post no scans").isEqualTo(403);
    assertThat(Http.as(port, "auditor").get("/api/artifacts/" + digest + "/scans").json().path("scans"))
        .as("nothing stored").isEmpty();
  }

  @Test
  void realSecretlintOutputRefusesTheChange() throws Exception {
    assumeInstalled(SECRETLINT, "secretlint (npm packages secretlint, @secretlint/secretlint-rule-preset-recommend "
        + "and @secretlint/secretlint-formatter-sarif; .ci/run installs them in /opt/changegate-scanners)");
    Path work = Files.createTempDirectory("changegate-secretlint");
    Files.writeString(work.resolve(".secretlintrc.json"),
        "{\"rules\": [{\"id\": \"@secretlint/secretlint-rule-preset-recommend\"}]}");
    // a made-up AWS key pair, as a developer might leave it in a configuration file
    Files.writeString(work.resolve("deploy.env"), "AWS_ACCESS_KEY_ID=AKIAQX4BZUHC2VFMOWZT\n"
        + "AWS_SECRET_ACCESS_KEY=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\n");
    Process scan = new ProcessBuilder(SECRETLINT.toString(), "--secretlintrc", ".secretlintrc.json", "--format",
        "@secretlint/secretlint-formatter-sarif", "--maskSecrets", "deploy.env")
        .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] sarif = scan.getInputStream().readAllBytes();
    assertThat(scan.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(sarif, StandardCharsets.UTF_8)).contains("\"version\": \"2.1.0\"", "secretlint")
        .doesNotContain("8Vq3sXk2LpE7rT9wYb4NcZmA1dFgHjKl0QwErTyU");

    String digest = Changes.newDigest();
    Http.Response scanned = postScan("requester", digest, "application/sarif+json", sarif);
    assertThat(scanned.status()).as(scanned.toString()).isEqualTo(201);
    assertThat(scanned.json().path("secrets").asInt()).isPositive();
    Http.Response submitted = Http.as(port, "requester").post("/api/changes", templateChange(digest));
    JsonNode refused = awaitStatus(submitted.json().path("id").asText(), "REJECTED");
    assertThat(events(refused, "SCAN_GATE_REFUSED").get(0).path("details").path("reason").asText())
        .contains("secret(s) found");
  }

  @Test
  void changegateGatesItselfWithItsOwnSbom() throws IOException {
    assumeInstalled(OWN_SBOM, "Changegate's SBOM (the CycloneDX Maven plugin writes it before the tests: ./mvnw "
        + "generate-test-resources)");
    String digest = Changes.newDigest();
    Http.Response scanned = postScan("requester", digest, "application/vnd.cyclonedx+json",
        Files.readAllBytes(OWN_SBOM));
    assertThat(scanned.status()).as(scanned.toString()).isEqualTo(201);
    assertThat(scanned.json().path("components").asInt()).isGreaterThan(50);
    assertThat(scanned.json().path("specVersion").asText()).isEqualTo("1.6");

    Map<String, Object> change = templateChange(digest);
    change.put("service", "changegate");
    change.put("title", "Changegate gates itself");
    change.put("artifact", Http.map("name", "changegate", "version", "0.1.0-SNAPSHOT", "digest", digest));
    change.remove("standardChangeTemplate");
    change.put("environment", hardenedEnvironment());
    Http.Response submitted = Http.as(port, "requester").post("/api/changes", change);
    assertThat(submitted.status()).isEqualTo(201);
    JsonNode classified = submitted.json();
    assertThat(classified.path("status").asText()).as("scanned, so the hardened environment lets it in")
        .isEqualTo("IN_REVIEW");
    assertThat(events(classified, "SCAN_GATE_CHECKED").get(0).path("details").path("verdict").asText())
        .isEqualTo("PASS");
  }

  static void assumeInstalled(Path path, String what) {
    if (Files.exists(path)) {
      return;
    }
    String reason = "no " + what + " at " + path;
    if (System.getenv("CI") != null) {
      Assertions.fail(reason + ": CI is set, so this test must run");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
