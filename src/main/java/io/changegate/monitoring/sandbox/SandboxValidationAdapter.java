package io.changegate.monitoring.sandbox;

import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.MetricsPort;
import io.changegate.monitoring.SuccessCriteria;
import io.changegate.monitoring.ValidationRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo default: simulated monitoring. A service listed in {@code changegate.sandbox.unhealthy-services}
 * shows a high error rate and slow responses; every other service looks healthy. Each result names
 * "sandbox" as its source, so nobody mistakes it for a measurement.
 */
@Component
@ConditionalOnProperty(name = "changegate.monitoring.adapter", havingValue = "sandbox", matchIfMissing = true)
public class SandboxValidationAdapter implements MetricsPort {

  private final SandboxProperties properties;

  public SandboxValidationAdapter(SandboxProperties properties) {
    this.properties = properties;
  }

  @Override
  public List<CheckResult> measure(ValidationRequest request, SuccessCriteria criteria) {
    boolean healthy = !properties.unhealthyServices().contains(request.service());
    double errorRate = healthy ? 0.002 : 0.27;
    int latency = healthy ? 120 : 2400;
    return List.of(
        new CheckResult("error-rate", errorRate <= criteria.errorRateMax(), String.valueOf(errorRate),
            "<= " + criteria.errorRateMax(), "sandbox"),
        new CheckResult("latency-p95-ms", latency <= criteria.latencyP95MaxMs(), String.valueOf(latency),
            "<= " + criteria.latencyP95MaxMs(), "sandbox"));
  }

  /** A simulated figure (the same for every query), marked "sandbox (simulated)". */
  @Override
  public Figure figure(String query) {
    return new Figure(query, java.util.OptionalDouble.of(SIMULATED_FIGURE), "sandbox (simulated)");
  }

  /** What the sandbox answers for every figure. */
  public static final double SIMULATED_FIGURE = 4321;
}
