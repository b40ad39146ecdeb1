package io.changegate.monitoring;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.monitoring}: which monitoring system measures a deployed change, the success criteria a
 * change gets when its {@code validation} block leaves one out (per service, then for every service), and the
 * synthetic transactions' timeout.
 *
 * @param adapter {@code sandbox} (the demo default: simulated figures, every result says so) or
 *     {@code prometheus} ({@code changegate.monitoring.prometheus.url})
 * @param defaults criteria of every service
 * @param services criteria of one service, each value overriding {@code defaults}
 * @param syntheticTimeout how long a synthetic transaction may take at most before it counts as failed
 *     (its own {@code maxLatencyMs} is judged separately)
 */
@ConfigurationProperties("changegate.monitoring")
public record MonitoringProperties(
    @DefaultValue("sandbox") String adapter,
    @DefaultValue Criteria defaults,
    Map<String, Criteria> services,
    @DefaultValue("PT10S") Duration syntheticTimeout) {

  public MonitoringProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  /**
   * Success criteria from configuration; any of them may be left out.
   *
   * @param errorRateMax highest acceptable share of failed requests (0.01 = 1 %)
   * @param latencyP95MaxMs highest acceptable 95th percentile latency
   * @param minRequests fewest requests the window must hold for the figures to count (fewer: no verdict, not
   *     a pass)
   * @param stabilizationMinutes how long the change stays VALIDATING after its first passing round
   */
  public record Criteria(Double errorRateMax, Integer latencyP95MaxMs, Long minRequests,
      Integer stabilizationMinutes) {}
}
