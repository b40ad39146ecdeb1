package io.changegate.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * DORA keys per service on {@code /actuator/prometheus}: {@code changegate_dora_deployments_per_week},
 * {@code changegate_dora_lead_time_hours}, {@code changegate_dora_change_failure_rate_percent},
 * {@code changegate_dora_recovery_time_hours}, {@code changegate_dora_rework_rate_percent} and
 * {@code changegate_dora_tier} (4 elite … 1 low), each tagged {@code service} and {@code environment}, over the last
 * {@code gauge-period-days} days of the default environment. Recomputed every {@code gauge-refresh} in the background,
 * so a scrape never waits for the database; a key without data has no sample.
 */
@Component
public class DoraGauges implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DoraGauges.class);
  private static final Map<DoraKey, String> NAMES = Map.of(
      DoraKey.DEPLOYMENT_FREQUENCY, "changegate.dora.deployments.per.week",
      DoraKey.LEAD_TIME_FOR_CHANGES, "changegate.dora.lead.time.hours",
      DoraKey.CHANGE_FAILURE_RATE, "changegate.dora.change.failure.rate.percent",
      DoraKey.FAILED_DEPLOYMENT_RECOVERY_TIME, "changegate.dora.recovery.time.hours",
      DoraKey.DEPLOYMENT_REWORK_RATE, "changegate.dora.rework.rate.percent");

  private final DoraService dora;
  private final DeliveryProperties settings;
  private final Clock clock;
  private final Map<DoraKey, MultiGauge> keys = new EnumMap<>(DoraKey.class);
  private final MultiGauge tiers;
  private ScheduledExecutorService executor;

  DoraGauges(DoraService dora, DeliveryProperties settings, Clock clock, MeterRegistry registry) {
    this.dora = dora;
    this.settings = settings;
    this.clock = clock;
    for (DoraKey key : DoraKey.values()) {
      keys.put(key, MultiGauge.builder(NAMES.get(key)).description("DORA " + key.id() + " (" + key.unit()
          + ") over the last " + settings.gaugePeriodDays() + " days").register(registry));
    }
    tiers = MultiGauge.builder("changegate.dora.tier")
        .description("DORA tier of the service (4 elite, 3 high, 2 medium, 1 low), dora-tiers").register(registry);
  }

  /** Recomputes every gauge now. */
  public void refresh() {
    LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
    Period period = Period.ofDays(today.minusDays(settings.gaugePeriodDays() - 1L), today, settings.zone());
    DoraReport report = dora.report(dora.filter(null, null, null), period, "service");
    Map<DoraKey, List<MultiGauge.Row<?>>> rows = new EnumMap<>(DoraKey.class);
    List<MultiGauge.Row<?>> tierRows = new ArrayList<>();
    for (DoraReport.Summary group : report.groups()) {
      Tags tags = Tags.of("service", group.group(), "environment", report.environment());
      for (DoraKey key : DoraKey.values()) {
        Double value = group.keys().get(key.ordinal()).value();
        if (value != null) {
          rows.computeIfAbsent(key, k -> new ArrayList<>()).add(MultiGauge.Row.of(tags, value));
        }
      }
      if (group.tier() != null) {
        tierRows.add(MultiGauge.Row.of(tags, rank(group.tier())));
      }
    }
    keys.forEach((key, gauge) -> gauge.register(rows.getOrDefault(key, List.of()), true));
    tiers.register(tierRows, true);
  }

  private static int rank(String tier) {
    return switch (tier) {
      case "ELITE" -> 4;
      case "HIGH" -> 3;
      case "MEDIUM" -> 2;
      default -> 1;
    };
  }

  @Override
  public void start() {
    long every = settings.gaugeRefresh().toMillis();
    if (every <= 0) {
      return;
    }
    executor = Periodic.start("changegate-dora-gauges", Math.min(every, 10_000), every, this::refresh,
        e -> log.warn("DORA gauges not refreshed: {}", e.toString()));
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
