package io.changegate.delivery.demo;

import io.changegate.change.ChangeRepository;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo profile only ({@code changegate.delivery.demo-history: true}, never in production): on the first start, a year
 * of production deployments for four services at different DORA tiers, so the delivery report means something to a
 * newcomer. Runs once: a database that already holds demo history is left alone.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "changegate.delivery.demo-history", havingValue = "true")
class DemoHistorySeeder {

  private static final Logger log = LoggerFactory.getLogger(DemoHistorySeeder.class);
  static final List<SyntheticHistory.Profile> SERVICES = List.of(
      new SyntheticHistory.Profile("checkout", "storefront", 14, 6, 0.04, 0.5, 0.01),
      new SyntheticHistory.Profile("payments-api", "payments", 3, 60, 0.15, 8, 0.05),
      new SyntheticHistory.Profile("ledger", "payments", 0.6, 400, 0.3, 60, 0.1),
      new SyntheticHistory.Profile("legacy-billing", "finance", 0.15, 1500, 0.5, 300, 0.2));

  private final JdbcTemplate jdbc;
  private final ChangeRepository changes;
  private final TransactionTemplate transaction;
  private final Clock clock;

  DemoHistorySeeder(JdbcTemplate jdbc, ChangeRepository changes, TransactionTemplate transaction, Clock clock) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.transaction = transaction;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seedOnce() {
    Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM changegate_change WHERE requester = ?", Integer.class,
        SyntheticHistory.REQUESTER);
    if (present != null && present > 0) {
      return;
    }
    Integer written = transaction.execute(status -> new SyntheticHistory(jdbc, changes::nextId, 2026L)
        .write(SERVICES, clock.instant(), 365));
    log.info("Demo history: {} synthetic production deployments of the last year written (requester {})", written,
        SyntheticHistory.REQUESTER);
  }
}
