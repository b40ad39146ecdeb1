package io.changegate.rollback.logs;

import java.time.Instant;
import java.util.List;

/**
 * Where the logs of a service are read for a rollback's evidence ({@code changegate.rollback.logs.source}): the last
 * lines before {@code to}, oldest first, each as the source wrote it with its time. A source that cannot be asked
 * throws; the evidence then records why the lines are missing.
 */
public interface LogSource {

  /** {@code none} or {@code loki}. */
  String name();

  /** Where the lines come from, for the evidence (no credentials). */
  String describe(String service, String environment);

  List<String> lastLines(String service, String environment, Instant from, Instant to, int lines);
}
