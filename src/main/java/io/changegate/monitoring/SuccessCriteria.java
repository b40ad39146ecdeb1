package io.changegate.monitoring;

import io.changegate.change.SyntheticCheck;
import java.util.List;

/**
 * What a deployed change must show, resolved from the change's {@code validation} block, then the service's
 * settings, then the defaults ({@link MonitoringProperties}). {@code minRequests} 0 means no minimum.
 */
public record SuccessCriteria(double errorRateMax, int latencyP95MaxMs, long minRequests, int stabilizationMinutes,
    List<SyntheticCheck> syntheticChecks) {

  /** Built-in thresholds for what neither the change nor the configuration says. */
  public static final double ERROR_RATE_MAX = 0.05;
  public static final int LATENCY_P95_MAX_MS = 1000;

  public SuccessCriteria {
    syntheticChecks = syntheticChecks == null ? List.of() : List.copyOf(syntheticChecks);
  }
}
