package io.changegate.monitoring;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.changegate.monitoring.integrity.DataIntegrityChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a validation round for a change (the monitoring adapter's checks, then the service's data-integrity
 * checkpoints) and records every check with its measured value ({@code VALIDATED} or {@code VALIDATION_FAILED} on the
 * timeline), and counts it on {@code /actuator/prometheus}. Outside the demo profile, a round passed by a simulated
 * monitoring adapter (the sandbox) marks the change {@code validation_simulated}: such a change earns its digest no
 * promotion ({@code deployment.ValidatedReleases}), as a deployment through a simulator earns none.
 */
@Service
public class ValidationService {

  private final ChangeRepository changes;
  private final ValidationPort validation;
  private final AuditTrail audit;
  private final MeterRegistry meters;
  private final MetricsPort metrics;
  private final JdbcClient jdbc;
  private final boolean demo;
  private final DataIntegrityChecks integrity;

  public ValidationService(ChangeRepository changes, ValidationPort validation, AuditTrail audit,
      MeterRegistry meters, MetricsPort metrics, JdbcClient jdbc, Environment spring, DataIntegrityChecks integrity) {
    this.integrity = integrity;
    this.changes = changes;
    this.metrics = metrics;
    this.jdbc = jdbc;
    this.demo = spring.acceptsProfiles(Profiles.of("demo"));
    this.validation = validation;
    this.audit = audit;
    this.meters = meters;
  }

  public ValidationReport validateChange(String changeId) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    ValidationReport report = validation.validate(new ValidationRequest(change.id(), change.service(),
        change.environment(), change.artifact() == null ? null : change.artifact().version(), change.validation()));
    List<CheckResult> checkpoints = integrity.run(change.service(), change.environment());
    if (!checkpoints.isEmpty()) {
      List<CheckResult> all = new ArrayList<>(report.checks());
      all.addAll(checkpoints);
      report = new ValidationReport(all);
      List<CheckResult> failed = checkpoints.stream().filter(c -> !c.passed()).toList();
      if (!failed.isEmpty()) {
        audit.record("changegate", AuditAction.DATA_INTEGRITY_FAILED, changeId, Map.of("checks", failed));
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("passed", report.passed());
    details.put("checks", report.checks());
    boolean simulated = metrics.simulated() && !demo;
    if (simulated) {
      details.put("simulated", "the monitoring adapter only simulates figures outside the demo profile: this"
          + " validation earns the digest no promotion");
      if (report.passed()) {
        jdbc.sql("UPDATE changegate_change SET validation_simulated = TRUE WHERE id = ?").param(changeId).update();
      }
    }
    audit.record("changegate", report.passed() ? AuditAction.VALIDATED : AuditAction.VALIDATION_FAILED, changeId, details);
    count(change, report.passed() ? "passed" : "failed");
    return report;
  }

  /** {@code changegate_validations_total{service,environment,result}}: validation rounds, once committed. */
  private void count(Change change, String result) {
    Counter counter = Counter.builder("changegate.validations").description("Validation rounds by result")
        .tag("service", change.service()).tag("environment", change.environment()).tag("result", result)
        .register(meters);
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
