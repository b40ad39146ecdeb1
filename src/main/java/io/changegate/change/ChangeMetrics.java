package io.changegate.change;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code changegate_changes_total{type,status}} on {@code /actuator/prometheus}: counts changes that
 * reached a final status, once their transaction committed (a rolled-back transition counts nothing).
 */
@Component
class ChangeMetrics {

  private final MeterRegistry registry;

  ChangeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void finished(ChangeType type, ChangeStatus status) {
    Counter counter = Counter.builder("changegate.changes")
        .description("Changes that reached a final status")
        .tag("type", type == null ? "UNCLASSIFIED" : type.name())
        .tag("status", status.name())
        .register(registry);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          counter.increment();
        }
      });
    } else {
      counter.increment();
    }
  }
}
