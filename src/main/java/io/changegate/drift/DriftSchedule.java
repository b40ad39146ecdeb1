package io.changegate.drift;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The scheduled drift check ({@code changegate.drift.enabled}, every {@code changegate.drift.interval}). */
@Configuration
@EnableScheduling
@ConditionalOnProperty(value = "changegate.drift.enabled", havingValue = "true", matchIfMissing = true)
class DriftSchedule {

  private final DriftService drift;

  DriftSchedule(DriftService drift) {
    this.drift = drift;
  }

  @Scheduled(initialDelayString = "${changegate.drift.interval:PT15M}", fixedDelayString = "${changegate.drift.interval:PT15M}")
  void check() {
    drift.check();
  }
}
