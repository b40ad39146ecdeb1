package io.changegate.monitoring;

import java.util.List;

/**
 * The monitoring system behind {@link ValidationPort}: measures a deployed service version against its success
 * criteria (error rate, latency, traffic). One adapter is active ({@code changegate.monitoring.adapter}):
 * {@code sandbox} (simulated) or {@code prometheus}. A check without data fails; a monitoring system that
 * cannot be asked throws, so that the engine retries and then raises an incident. Never a silent pass.
 */
public interface MetricsPort {

  List<CheckResult> measure(ValidationRequest request, SuccessCriteria criteria);

  /**
   * One figure: {@code query} (PromQL for Prometheus) evaluated now, such as a service's requests over the last 72
   * hours; empty when the system has no data. {@code source} says where it came from ("sandbox" for the simulator).
   */
  Figure figure(String query);

  /** A figure the monitoring system answered. */
  record Figure(String query, java.util.OptionalDouble value, String source) {}
}
