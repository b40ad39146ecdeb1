package io.changegate.rollback.logs;

import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** No log source configured (the default): the evidence says so instead of holding lines. */
@Component
@ConditionalOnProperty(name = "changegate.rollback.logs.source", havingValue = "none", matchIfMissing = true)
class NoLogSource implements LogSource {

  @Override
  public String name() {
    return "none";
  }

  @Override
  public String describe(String service, String environment) {
    return "no log source configured (changegate.rollback.logs.source)";
  }

  @Override
  public List<String> lastLines(String service, String environment, Instant from, Instant to, int lines) {
    return List.of();
  }
}
