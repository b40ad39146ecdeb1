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
 * @param adapter {@code prometheus} ({@code changegate.monitoring.prometheus.url}) or {@code sandbox} (simulated
 *     figures, every result says so; the demo profile's setting). There is no default: a start without it is
 *     refused, so that no simulator measures a change because nobody said otherwise. Outside the demo profile a
 *     validation by the sandbox earns no promotion ({@code ValidationService})
 * @param defaults criteria of every service
 * @param services criteria of one service, each value overriding {@code defaults}
 * @param syntheticTimeout how long a synthetic transaction may take at most before it counts as failed
 *     (its own {@code maxLatencyMs} is judged separately)
 */
@ConfigurationProperties("changegate.monitoring")
public record MonitoringProperties(
    String adapter,
    @DefaultValue Criteria defaults,
    Map<String, Criteria> services,
    @DefaultValue("PT10S") Duration syntheticTimeout) {

  /** Why a start without a monitoring adapter is refused. */
  public static final String ADAPTER_NOT_SET = "changegate.monitoring.adapter is not set: it has no default outside"
      + " the demo profile. Set it to prometheus (with changegate.monitoring.prometheus.url); sandbox only simulates"
      + " figures, and outside the demo profile a change it validated earns no promotion";

  public MonitoringProperties {
    if (adapter == null || adapter.isBlank()) {
      throw new IllegalArgumentException(ADAPTER_NOT_SET);
    }
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
