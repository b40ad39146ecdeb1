package io.changegate.monitoring;

import io.changegate.change.Change;
import io.changegate.change.ValidationSpec;
import io.changegate.monitoring.MonitoringProperties.Criteria;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The success criteria of a change: its own {@code validation} block first, then the service's, then the defaults. */
@Component
public class SuccessCriteriaResolver {

  private final MonitoringProperties properties;

  public SuccessCriteriaResolver(MonitoringProperties properties) {
    this.properties = properties;
  }

  public SuccessCriteria of(Change change) {
    return of(change.service(), change.validation());
  }

  public SuccessCriteria of(String service, ValidationSpec spec) {
    Criteria forService = service == null ? null : properties.services().get(service);
    return new SuccessCriteria(
        first(spec == null ? null : spec.errorRateMax(), forService, Criteria::errorRateMax,
            SuccessCriteria.ERROR_RATE_MAX),
        first(spec == null ? null : spec.latencyP95MaxMs(), forService, Criteria::latencyP95MaxMs,
            SuccessCriteria.LATENCY_P95_MAX_MS),
        first(null, forService, Criteria::minRequests, 0L),
        first(spec == null ? null : spec.stabilizationMinutes(), forService, Criteria::stabilizationMinutes, 0),
        spec == null ? null : spec.syntheticChecks());
  }

  private <T> T first(T fromChange, Criteria forService, Function<Criteria, T> setting, T builtIn) {
    if (fromChange != null) {
      return fromChange;
    }
    if (forService != null && setting.apply(forService) != null) {
      return setting.apply(forService);
    }
    T fallback = properties.defaults() == null ? null : setting.apply(properties.defaults());
    return fallback != null ? fallback : builtIn;
  }
}
