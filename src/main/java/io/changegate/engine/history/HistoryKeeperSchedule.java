package io.changegate.engine.history;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The history keeper's runs ({@code changegate.history.keeper-enabled}, every {@code keeper-interval}). */
@Configuration
@EnableScheduling
@ConditionalOnProperty(value = "changegate.history.keeper-enabled", havingValue = "true", matchIfMissing = true)
class HistoryKeeperSchedule {

  private final HistoryKeeper keeper;

  HistoryKeeperSchedule(HistoryKeeper keeper) {
    this.keeper = keeper;
  }

  @Scheduled(initialDelayString = "${changegate.history.keeper-first-run:PT5M}",
      fixedDelayString = "${changegate.history.keeper-interval:PT6H}")
  void keep() {
    keeper.keep();
  }
}
