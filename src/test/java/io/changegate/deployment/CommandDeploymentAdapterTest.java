package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.deployment.command.CommandDeploymentAdapter;
import io.changegate.deployment.command.CommandProperties;
import io.changegate.outbound.HttpCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command adapter with real processes: argument lists, no shell, validated names, timeout, captured output. */
class CommandDeploymentAdapterTest {

  @TempDir Path dir;

  static DeploymentOrder order(String target, boolean dryRun) {
    return new DeploymentOrder("CHG-000011", "CHG-000011:" + target + ":1.4.3", DeploymentOrder.Kind.DEPLOY, target,
        "payments-api", "staging", "1.4.3", null, dryRun);
  }

  CommandDeploymentAdapter adapter(List<String> deploy, Duration timeout) {
    return new CommandDeploymentAdapter(new CommandProperties(deploy, List.of("/bin/echo", "rollback", "{target}",
        "to", "{previousVersion}"), List.of(), List.of(), List.of(), List.of(), timeout, dir, List.of("PATH"),
        List.of(75), 65536));
  }

  @Test
  void withoutACurrentCommandItCannotSeeWhatRuns() {
    assertThat(adapter(List.of("/bin/true"), Duration.ofSeconds(5)).seesReleases()).isFalse();
    CommandDeploymentAdapter seeing = new CommandDeploymentAdapter(new CommandProperties(List.of("/bin/true"),
        List.of(), List.of(), List.of("/bin/echo", "1.4.2"), List.of(), List.of(), Duration.ofSeconds(5), dir,
        List.of("PATH"), List.of(75), 65536));
    assertThat(seeing.seesReleases()).isTrue();
    assertThat(seeing.currentRelease("web", "staging")).contains(new Release("1.4.2", null));
  }

  @Test
  void aRollbackToAnUnknownReleaseIsNotRunWithBlankPreviousValues() {
    // rollback template: /bin/echo rollback {target} to {previousVersion}; no current command
    DeploymentOutcome outcome = adapter(List.of("/bin/true"), Duration.ofSeconds(5)).rollback(order("web", false),
        null);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.detail()).startsWith("the release to restore is unknown").endsWith("nothing was run");

    DeploymentOutcome known = adapter(List.of("/bin/true"), Duration.ofSeconds(5)).rollback(order("web", false),
        new Release("1.4.2", null));
    assertThat(known.succeeded()).isTrue();
    assertThat(known.output()).isEqualTo("rollback web to 1.4.2\n");
  }

  @Test
  void runsTheProgramWithItsArgumentsAndKeepsTheOutput() {
    DeploymentOutcome outcome = adapter(List.of("/bin/echo", "deploying", "{target}", "{version}", "to",
        "{environment}"), Duration.ofSeconds(5)).deploy(order("web", false));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.output()).isEqualTo("deploying web 1.4.3 to staging\n");
    assertThat(outcome.detail()).contains("exit 0");
  }

  @Test
  void changeDataIsPassedAsEnvironmentAndNothingElseOfTheServersEnvironment() {
    DeploymentOutcome outcome = adapter(List.of("/usr/bin/env"), Duration.ofSeconds(5)).deploy(order("web", false));

    assertThat(outcome.output()).contains("CHANGEGATE_TARGET=web", "CHANGEGATE_VERSION=1.4.3",
        "CHANGEGATE_CHANGE_ID=CHG-000011", "PATH=");
    assertThat(outcome.output()).doesNotContain("HOME=", "JAVA_HOME=", "USER=");
  }

  @Test
  void aNonZeroExitIsARefusalWithItsOutput() {
    DeploymentOutcome outcome = adapter(List.of("/bin/false"), Duration.ofSeconds(5)).deploy(order("web", false));

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.detail()).contains("exit 1");
  }

  @Test
  void aProgramThatDoesNotFinishInTimeIsKilledAndRetried() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> adapter(List.of("/bin/sleep", "30"), Duration.ofMillis(500)).deploy(order("web", false)))
        .isInstanceOf(HttpCalls.SystemUnavailableException.class).hasMessageContaining("did not finish within PT0.5S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aServiceCalledLikeAShellCommandRunsNothing() throws Exception {
    Path marker = dir.resolve("pwned");
    DeploymentOutcome outcome = adapter(List.of("/usr/bin/touch", dir.resolve("{target}").toString()),
        Duration.ofSeconds(5)).deploy(order("x; touch " + marker + "; rm -rf /", false));

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.detail()).contains("not a safe name", "nothing was run");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void noShellInterpretsAnArgument() {
    // even where a configured argument looks like shell syntax, it reaches the program as one literal argument
    DeploymentOutcome outcome = adapter(List.of("/bin/echo", "$(id) ; ls", "{target}"), Duration.ofSeconds(5))
        .deploy(order("web", false));
    assertThat(outcome.output()).isEqualTo("$(id) ; ls web\n");
  }

  @Test
  void aDryRunPrintsTheCommandAndRunsNothing() {
    Path marker = dir.resolve("ran");
    DeploymentOutcome outcome = adapter(List.of("/usr/bin/touch", marker.toString()), Duration.ofSeconds(5))
        .deploy(order("web", true));

    assertThat(outcome.detail()).isEqualTo("dry-run: would run [/usr/bin/touch, " + marker + "]");
    assertThat(marker).doesNotExist();
  }

  @Test
  void aRollbackGetsThePreviousVersion() {
    DeploymentOutcome outcome = adapter(List.of("/bin/true"), Duration.ofSeconds(5))
        .rollback(order("web", false), new Release("1.4.2", null));
    assertThat(outcome.output()).isEqualTo("rollback web to 1.4.2\n");
  }

  @Test
  void anExitCodeThatMeansTryAgainIsATechnicalFailure() {
    // the configured program here is sh only to produce exit code 75; Changegate itself never starts a shell
    assertThatThrownBy(() -> adapter(List.of("/bin/sh", "-c", "exit 75"), Duration.ofSeconds(5))
        .deploy(order("web", false))).isInstanceOf(HttpCalls.SystemUnavailableException.class);
  }
}
