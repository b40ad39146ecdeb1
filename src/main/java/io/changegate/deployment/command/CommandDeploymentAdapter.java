package io.changegate.deployment.command;

import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentOutcome;
import io.changegate.deployment.DeploymentPort;
import io.changegate.deployment.OrderPlaceholders;
import io.changegate.deployment.Release;
import io.changegate.deployment.Rollout;
import io.changegate.deployment.RolloutState;
import io.changegate.outbound.HttpCalls;
import io.changegate.outbound.Placeholders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Deploys by running a configured program (helm, kubectl, ansible…) with an argument list: no shell, every
 * value from the change checked against a safe alphabet before it becomes an argument (a service called
 * {@code x; rm -rf /} runs nothing), a timeout, and the output kept as evidence. Dry runs print the
 * command they would run.
 */
@Component
@ConditionalOnProperty("changegate.deployment.command.deploy[0]")
public class CommandDeploymentAdapter implements DeploymentPort {

  public static final String NAME = "command";

  private final CommandProperties properties;

  public CommandDeploymentAdapter(CommandProperties properties) {
    this.properties = properties;
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public boolean seesReleases() {
    return !properties.current().isEmpty();
  }

  @Override
  public Optional<Release> currentRelease(String target, String environment) {
    if (!seesReleases()) {
      return Optional.empty();
    }
    Map<String, String> values = OrderPlaceholders.ofTarget(target, environment);
    CommandRunner.Result result = run(argv(properties.current(), values), values);
    String[] words = result.output().strip().split("\\s+");
    if (result.exitCode() != 0 || words.length == 0 || words[0].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Release(words[0], words.length > 1 ? words[1] : null));
  }

  @Override
  public DeploymentOutcome deploy(DeploymentOrder order) {
    Map<String, String> values;
    try {
      values = OrderPlaceholders.of(order);
    } catch (Placeholders.UnsafeValueException unsafe) {
      return DeploymentOutcome.refused(unsafe.getMessage() + "; nothing was run");
    }
    List<String> template = order.kind() == DeploymentOrder.Kind.MIGRATION ? properties.migrate()
        : properties.deploy();
    return execute(order, template, values, "deploy");
  }

  @Override
  public DeploymentOutcome rollback(DeploymentOrder order, Release previous) {
    Map<String, String> values;
    try {
      values = OrderPlaceholders.withPrevious(OrderPlaceholders.of(order), previous);
    } catch (Placeholders.UnsafeValueException unsafe) {
      return DeploymentOutcome.refused(unsafe.getMessage() + "; nothing was run");
    }
    List<String> template = order.kind() == DeploymentOrder.Kind.MIGRATION ? properties.migrateRollback()
        : properties.rollback();
    if (previous == null && !seesReleases()
        && template.stream().skip(1).anyMatch(argument -> argument.contains("{previous"))) {
      // without a current command "nothing ran before" cannot be told from "unknown": never run it with a blank
      return DeploymentOutcome.refused("the release to restore is unknown (no current command is configured,"
          + " changegate.deployment.command.current), so " + template + " cannot be given its {previous…} values;"
          + " nothing was run");
    }
    return execute(order, template, values, "rollback");
  }

  @Override
  public Rollout rolloutState(DeploymentOrder order, String externalRef) {
    if (properties.status().isEmpty() || order.kind() == DeploymentOrder.Kind.MIGRATION) {
      return Rollout.of(RolloutState.HEALTHY, "the command finished with exit code 0; no status command configured");
    }
    Map<String, String> values = OrderPlaceholders.of(order);
    CommandRunner.Result result = run(argv(properties.status(), values), values);
    String word = result.output().strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
    String detail = "status command exited " + result.exitCode() + ": " + HttpCalls.abbreviate(result.output().strip());
    try {
      return Rollout.of(RolloutState.valueOf(word), detail);
    } catch (IllegalArgumentException unknown) {
      return Rollout.of(result.exitCode() == 0 ? RolloutState.IN_PROGRESS : RolloutState.FAILED, detail);
    }
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("adapter", NAME);
    settings.put("deploy", properties.deploy());
    settings.put("rollback", properties.rollback());
    settings.put("status", properties.status());
    settings.put("migrate", properties.migrate());
    settings.put("timeout", properties.timeout().toString());
    settings.put("passEnvironment", properties.passEnvironment());
    return settings;
  }

  private DeploymentOutcome execute(DeploymentOrder order, List<String> template, Map<String, String> values,
      String action) {
    if (template.isEmpty()) {
      return DeploymentOutcome.refused("no " + (order.kind() == DeploymentOrder.Kind.MIGRATION ? "migration " : "")
          + action + " command is configured (changegate.deployment.command)");
    }
    List<String> argv = argv(template, values);
    if (order.dryRun()) {
      return DeploymentOutcome.success("dry-run: would run " + argv, null, String.join(" ", argv));
    }
    CommandRunner.Result result = run(argv, values);
    if (properties.retryExitCodes().contains(result.exitCode())) {
      throw new HttpCalls.SystemUnavailableException(argv.get(0) + " exited " + result.exitCode()
          + " (try again later): " + HttpCalls.abbreviate(result.output()), null);
    }
    String detail = "ran " + argv + ": exit " + result.exitCode();
    return result.exitCode() == 0 ? DeploymentOutcome.success(detail, null, result.output())
        : DeploymentOutcome.refused(detail, result.output());
  }

  /** The program as configured, each argument with its placeholders filled; the program itself is never templated. */
  static List<String> argv(List<String> template, Map<String, String> values) {
    List<String> argv = new ArrayList<>();
    argv.add(template.get(0));
    for (String argument : template.subList(1, template.size())) {
      argv.add(Placeholders.expand(argument, values));
    }
    return argv;
  }

  private CommandRunner.Result run(List<String> argv, Map<String, String> values) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String name : properties.passEnvironment()) {
      String value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    values.forEach((name, value) -> environment.put("CHANGEGATE_"
        + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), value));
    return CommandRunner.run(argv, environment, properties.workingDirectory(), properties.timeout(),
        properties.maxOutputChars());
  }
}
