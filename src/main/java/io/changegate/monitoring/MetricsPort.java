package io.changegate.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The monitoring system behind {@link ValidationPort}: measures a deployed service version against its success
 * criteria (error rate, latency, traffic). One adapter is active ({@code changegate.monitoring.adapter}):
 * {@code sandbox} (simulated) or {@code prometheus}. A check without data fails; a monitoring system that
 * cannot be asked throws, so that the engine retries and then raises an incident. Never a silent pass.
 */
public interface MetricsPort {

  /** Whether the figures are simulated (the sandbox): outside the demo profile they earn no promotion. */
  default boolean simulated() {
    return false;
  }

  List<CheckResult> measure(ValidationRequest request, SuccessCriteria criteria);

  /**
   * The number one PromQL query gives at an instant (a change's KPI, measured by Changegate before and after its
   * deployment): {@code value} null when there is no data; {@code source} says who answered. Throws when the
   * monitoring system cannot be asked or refuses the query.
   */
  Reading read(String promql, Instant at);

  /** A KPI's value at an instant (null: no data) and where it came from. */
  record Reading(Double value, String source) {}

  /**
   * The series of the same metrics over {@code [from, to]} at {@code step} (the forensic evidence of a rollback); a
   * monitoring system that cannot be asked throws.
   */
  MetricsSnapshot snapshot(ValidationRequest request, Instant from, Instant to, Duration step);

  /**
   * One figure: {@code query} (PromQL for Prometheus) evaluated now, such as a service's requests over the last 72
   * hours; empty when the system has no data. {@code source} says where it came from ("sandbox" for the simulator).
   */
  Figure figure(String query);

  /** A figure the monitoring system answered. */
  record Figure(String query, java.util.OptionalDouble value, String source) {}
}
