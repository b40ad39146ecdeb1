package io.changegate.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.delivery.kpi}: how long after a change's first deployment its KPIs with PromQL are measured the
 * second time ({@code after-delay}, 72 hours), how often the measurement timer looks for due measurements
 * ({@code poll-interval}; zero: never) and how often a measurement the monitoring system could not answer is tried
 * before it is recorded as failed ({@code attempts}).
 */
@ConfigurationProperties("changegate.delivery.kpi")
public record KpiMeasurementProperties(
    @DefaultValue("PT72H") Duration afterDelay,
    @DefaultValue("PT1M") Duration pollInterval,
    @DefaultValue("5") int attempts) {}
