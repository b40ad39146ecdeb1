package io.changegate.refresh.command;

import io.changegate.deployment.command.CommandRunner;
import io.changegate.refresh.AnonymizationPort;
import io.changegate.refresh.CopyPort;
import io.changegate.refresh.RefreshOrder;
import io.changegate.refresh.RefreshProperties;
import io.changegate.refresh.StepOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Copy and anonymization as programs (pg_dump | pg_restore, psql with the anonymization SQL, a vendor's masking
 * tool), run with an argument list — never through a shell unless the configuration names one — a clean
 * environment and a timeout ({@code deployment.command.CommandRunner}). Exit 0 is success; any other exit code a
 * failed step whose output is kept as evidence.
 */
@Component
@ConditionalOnProperty(name = "changegate.refresh.adapter", havingValue = "command")
public class CommandRefreshAdapter implements CopyPort, AnonymizationPort {

  private static final int MAX_OUTPUT = 16_000;

  private final RefreshProperties properties;

  public CommandRefreshAdapter(RefreshProperties properties) {
    this.properties = properties;
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public StepOutcome copy(RefreshOrder order) {
    return run(properties.copyFor(order.target()), order, "copy");
  }

  @Override
  public StepOutcome anonymize(RefreshOrder order) {
    return run(properties.anonymizeFor(order.target()), order, "anonymize");
  }

  private StepOutcome run(List<String> configured, RefreshOrder order, String step) {
    if (configured.isEmpty()) {
      throw new IllegalStateException("changegate.refresh." + step + " is not configured for " + order.target());
    }
    List<String> argv = new ArrayList<>();
    argv.add(configured.get(0));
    for (String argument : configured.subList(1, configured.size())) {
      argv.add(argument.replace("{source}", order.source()).replace("{target}", order.target())
          .replace("{changeId}", order.changeId()));
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (String name : properties.passEnvironment()) {
      String value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    environment.put("CHANGEGATE_SOURCE", order.source());
    environment.put("CHANGEGATE_TARGET", order.target());
    environment.put("CHANGEGATE_CHANGE_ID", order.changeId());
    CommandRunner.Result result = CommandRunner.run(argv, environment, null, properties.timeout(), MAX_OUTPUT);
    return new StepOutcome(result.exitCode() == 0, String.join(" ", argv), result.exitCode(), result.output());
  }
}
