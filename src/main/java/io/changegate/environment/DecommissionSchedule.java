package io.changegate.environment;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduled idle check ({@code changegate.environments.decommission.enabled}, every
 * {@code changegate.environments.decommission.interval}).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(value = "changegate.environments.decommission.enabled", havingValue = "true",
    matchIfMissing = true)
class DecommissionSchedule {

  private final Decommissions decommissions;

  DecommissionSchedule(Decommissions decommissions) {
    this.decommissions = decommissions;
  }

  @Scheduled(initialDelayString = "${changegate.environments.decommission.interval:PT6H}",
      fixedDelayString = "${changegate.environments.decommission.interval:PT6H}")
  void check() {
    decommissions.proposeForIdle();
  }
}
