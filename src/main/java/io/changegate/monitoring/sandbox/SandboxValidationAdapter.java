package io.changegate.monitoring.sandbox;

import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.MetricsPort;
import io.changegate.monitoring.SuccessCriteria;
import io.changegate.monitoring.ValidationRequest;
import io.changegate.monitoring.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo profile's setting: simulated monitoring. A service listed in {@code changegate.sandbox.unhealthy-services}
 * shows a high error rate and slow responses; every other service looks healthy. Each result names
 * "sandbox" as its source, so nobody mistakes it for a measurement.
 */
@Component
@ConditionalOnProperty(name = "changegate.monitoring.adapter", havingValue = "sandbox")
public class SandboxValidationAdapter implements MetricsPort {

  private final SandboxProperties properties;

  public SandboxValidationAdapter(SandboxProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean simulated() {
    return true;
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

  /** Simulated monitoring measures no KPI: no data, and it says so (never an invented value). */
  @Override
  public Reading read(String promql, Instant at) {
    return new Reading(null, "sandbox: simulated monitoring has no KPI data");
  }

  /** Simulated series (the values {@link #measure} reports, flat): says so in its source. */
  @Override
  public MetricsSnapshot snapshot(ValidationRequest request, Instant from, Instant to, Duration step) {
    boolean healthy = !properties.unhealthyServices().contains(request.service());
    Map<String, String> labels = Map.of("service", request.service(), "environment", request.environment(),
        "version", String.valueOf(request.version()));
    List<MetricsSnapshot.Sample> errors = new ArrayList<>();
    List<MetricsSnapshot.Sample> latency = new ArrayList<>();
    long steps = Math.min(500, Math.max(1, Duration.between(from, to).dividedBy(step)));
    for (long i = 0; i <= steps; i++) {
      Instant at = from.plus(step.multipliedBy(i));
      errors.add(new MetricsSnapshot.Sample(at, healthy ? "0.002" : "0.27"));
      latency.add(new MetricsSnapshot.Sample(at, healthy ? "120" : "2400"));
    }
    return new MetricsSnapshot("sandbox (simulated)", from, to, step, List.of(
        new MetricsSnapshot.Series("error-rate", "simulated", labels, errors),
        new MetricsSnapshot.Series("latency-p95-ms", "simulated", labels, latency)));
  }

  /** A simulated figure (the same for every query), marked "sandbox (simulated)". */
  @Override
  public Figure figure(String query) {
    return new Figure(query, java.util.OptionalDouble.of(SIMULATED_FIGURE), "sandbox (simulated)");
  }

  /** What the sandbox answers for every figure. */
  public static final double SIMULATED_FIGURE = 4321;
}
