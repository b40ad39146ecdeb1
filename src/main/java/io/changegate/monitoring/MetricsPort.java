package io.changegate.monitoring;

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
}
