package io.changegate.supplychain;

import static io.changegate.support.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gate CLI ({@code cli/changegate-gate}, a Java 17 single-file program) run as a pipeline runs it, in a process
 * of its own, against the application over HTTP with a service account's token: exit 0 when the change completed,
 * 1 when it was refused (with the reason), 2 on an error (wrong token, malformed scan).
 */
@ChangegateIntegrationTest
class GateCliTest {

  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  static final Path CLI = Path.of("cli/ChangegateGate.java");
  static final String CLEAN_SARIF = """
      {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep"}},
       "results": [{"ruleId": "style.naming", "level": "note", "message": {"text": "odd name"}}]}]}""";

  @LocalServerPort int port;

  private record Run(int exit, String output) {}

  private String token() {
    Http.Response created = Http.as(port, "admin").post("/api/service-accounts", map(
        "name", "gate-cli-" + ACCOUNTS.incrementAndGet() + "-" + (System.nanoTime() % 100000),
        "owner", "requester", "services", List.of("payments-api"), "environments", List.of("staging"),
        "actions", List.of("submit-changes", "read-changes", "submit-scans")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("token").asText();
  }

  private Run gate(String token, Map<String, Object> change, String... options) throws Exception {
    Path dir = Files.createTempDirectory("changegate-gate");
    Path changeFile = dir.resolve("change.json");
    Files.writeString(changeFile, new ObjectMapper().writeValueAsString(change));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        CLI.toString(), "--url", "http://localhost:" + port, "--change", changeFile.toString(),
        "--interval", "PT0.5S", "--timeout", "PT60S"));
    for (String option : options) {
      command.add(option.replace("{dir}", dir.toString()));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CHANGEGATE_TOKEN", token);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private static Map<String, Object> change(String digest) {
    Map<String, Object> change = Changes.standard("Released by the gate CLI");
    change.put("artifact", map("name", "payments-api", "version", "1.4.2", "digest", digest));
    return change;
  }

  private static Path write(Path file, String text) throws Exception {
    Files.writeString(file, text);
    return file;
  }

  @Test
  void exitZeroWhenTheChangeCompletes() throws Exception {
    Path sarif = write(Files.createTempFile("clean", ".sarif"), CLEAN_SARIF);
    Run run = gate(token(), change(Changes.newDigest()), "--scan", "sarif:" + sarif,
        "--commit", "9fceb02d0ae598e95dc970b74767f19372d61af8", "--repository", "payments/payments-api",
        "--pipeline-url", "https://ci.example.com/payments/1234");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("0 critical, 0 high, 0 medium, 1 low, 0 secrets (semgrep)", "submitted: STANDARD",
        "SCAN_GATE_CHECKED", "DEPLOYED", "is COMPLETED", "GO:");
    String id = run.output().replaceAll("(?s).*change (CHG-\\d+) submitted.*", "$1");
    assertThat(Http.as(port, "auditor").get("/api/changes/" + id).json().path("commit").path("sha").asText())
        .isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
  }

  @Test
  void exitOneWithTheReasonWhenTheChangeIsRefused() throws Exception {
    Path sarif = write(Files.createTempFile("critical", ".sarif"), ScanGateApiTest.CRITICAL_SARIF);
    Run run = gate(token(), change(Changes.newDigest()), "--scan", "sarif:" + sarif);

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("1 critical", "is REJECTED",
        "REFUSED:", "1 critical finding(s): fix them before this artifact is deployed");
  }

  @Test
  void exitTwoOnAnError() throws Exception {
    Run wrongToken = gate("cgt_" + "x".repeat(43), change(Changes.newDigest()));
    assertThat(wrongToken.exit()).as(wrongToken.output()).isEqualTo(2);
    assertThat(wrongToken.output()).contains("401");

    Path bad = write(Files.createTempFile("bad", ".sarif"), CLEAN_SARIF.replace("\"note\"", "\"loud\""));
    Run malformed = gate(token(), change(Changes.newDigest()), "--scan", "sarif:" + bad);
    assertThat(malformed.exit()).as(malformed.output()).isEqualTo(2);
    assertThat(malformed.output()).contains("400", "runs[0].results[0].level");

    Map<String, Object> elsewhere = change(Changes.newDigest());
    elsewhere.put("environment", "production");
    Run outOfScope = gate(token(), elsewhere);
    assertThat(outOfScope.exit()).as(outOfScope.output()).isEqualTo(2);
    assertThat(outOfScope.output()).contains("403");
  }
}
