package io.changegate.deployment;

import io.changegate.change.Change;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * docs/names.md metrics: {@code changegate_deployments_total{service,environment,result}} and
 * {@code changegate_deployment_timestamp_seconds{service,environment,version}} (a marker to correlate
 * dashboards with deployments), both counted once the deployment's transaction committed.
 */
@Component
class DeploymentMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> timestamps = new ConcurrentHashMap<>();
  private final Clock clock;

  DeploymentMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  void deployed(Change change, DeploymentOrder order, String result) {
    Counter counter = Counter.builder("changegate.deployments")
        .description("Target deployments by result")
        .tag("service", change.service()).tag("environment", change.environment()).tag("result", result)
        .register(registry);
    boolean marks = StoredCall.DEPLOYED.equals(result);
    String version = order.version() == null ? "" : order.version();
    Runnable count = () -> {
      counter.increment();
      if (marks) {
        AtomicLong marker = timestamps.computeIfAbsent(change.service() + "|" + change.environment() + "|" + version,
            k -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder("changegate.deployment.timestamp.seconds", value, AtomicLong::get)
                  .description("When a version was last deployed")
                  .tag("service", change.service()).tag("environment", change.environment()).tag("version", version)
                  .register(registry);
              return value;
            });
        marker.set(clock.instant().getEpochSecond());
      }
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
  }
}
