package io.changegate.monitoring.sandbox;

import io.changegate.change.ValidationSpec;
import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.ValidationPort;
import io.changegate.monitoring.ValidationReport;
import io.changegate.monitoring.ValidationRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The demo default: simulated monitoring. A service listed in {@code changegate.sandbox.unhealthy-services}
 * shows a high error rate and slow responses; every other service looks healthy. Each result names
 * "sandbox" as its source, so nobody mistakes it for a measurement.
 */
@Component
public class SandboxValidationAdapter implements ValidationPort {

  static final double DEFAULT_ERROR_RATE_MAX = 0.05;
  static final int DEFAULT_LATENCY_P95_MAX_MS = 1000;

  private final SandboxProperties properties;

  public SandboxValidationAdapter(SandboxProperties properties) {
    this.properties = properties;
  }

  @Override
  public ValidationReport validate(ValidationRequest request) {
    boolean healthy = !properties.unhealthyServices().contains(request.service());
    ValidationSpec criteria = request.criteria();
    double errorRateMax = criteria != null && criteria.errorRateMax() != null
        ? criteria.errorRateMax() : DEFAULT_ERROR_RATE_MAX;
    int latencyMax = criteria != null && criteria.latencyP95MaxMs() != null
        ? criteria.latencyP95MaxMs() : DEFAULT_LATENCY_P95_MAX_MS;
    double errorRate = healthy ? 0.002 : 0.27;
    int latency = healthy ? 120 : 2400;
    return new ValidationReport(List.of(
        new CheckResult("error-rate", errorRate <= errorRateMax, String.valueOf(errorRate),
            "<= " + errorRateMax, "sandbox"),
        new CheckResult("latency-p95-ms", latency <= latencyMax, String.valueOf(latency),
            "<= " + latencyMax, "sandbox")));
  }
}
