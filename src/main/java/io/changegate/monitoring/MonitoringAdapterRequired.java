package io.changegate.monitoring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A start without {@code changegate.monitoring.adapter} is refused with the reason, whichever bean asks for the
 * monitoring port first (validation, KPI measurement, feedback, forensics): the port is then this refusal.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringAdapterRequired {

  @Bean
  @ConditionalOnProperty(name = "changegate.monitoring.adapter", havingValue = "(none)", matchIfMissing = true)
  MetricsPort noMonitoringAdapter() {
    throw new IllegalStateException(MonitoringProperties.ADAPTER_NOT_SET);
  }
}
