package io.changegate.delivery;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.delivery}: the environment DORA keys are measured on when none is asked for, how soon after a
 * deployment an emergency change to the same service and environment counts as its fix (a failure), the time zone
 * of days and weeks when a request names none, the default and longest period of a report, and how many raw rows
 * the Excel report carries at most; how often the Prometheus gauges per service are recomputed (zero: never) and over
 * how many days up to today; whether the demo profile writes a year of synthetic history on its first start.
 */
@ConfigurationProperties("changegate.delivery")
public record DeliveryProperties(
    @DefaultValue("production") String defaultEnvironment,
    @DefaultValue("PT24H") Duration emergencyFixWindow,
    @DefaultValue("UTC") ZoneId zone,
    @DefaultValue("90") int defaultPeriodDays,
    @DefaultValue("1830") int maxPeriodDays,
    @DefaultValue("200000") int maxReportRows,
    @DefaultValue("PT5M") Duration gaugeRefresh,
    @DefaultValue("30") int gaugePeriodDays,
    @DefaultValue("false") boolean demoHistory) {}
