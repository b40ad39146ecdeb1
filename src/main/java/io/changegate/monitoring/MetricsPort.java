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

  List<CheckResult> measure(ValidationRequest request, SuccessCriteria criteria);

  /**
   * The series of the same metrics over {@code [from, to]} at {@code step} (the forensic evidence of a rollback); a
   * monitoring system that cannot be asked throws.
   */
  MetricsSnapshot snapshot(ValidationRequest request, Instant from, Instant to, Duration step);
}
