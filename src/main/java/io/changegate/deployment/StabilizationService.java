package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.monitoring.SuccessCriteriaResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The stabilization period of {@code validation.stabilizationMinutes}, else of the service's or default
 * {@code changegate.monitoring} criteria (absent or 0: none, the change completes
 * after its first passing validation). It starts with the first passing round; validation repeats every
 * {@code changegate.deployment.validation-interval} until it ends, and any failing round rolls back.
 */
@Service
public class StabilizationService {

  private final ChangeRepository changes;
  private final DeploymentProperties properties;
  private final AuditTrail audit;
  private final SuccessCriteriaResolver criteria;
  private final Clock clock;

  public StabilizationService(ChangeRepository changes, DeploymentProperties properties, AuditTrail audit,
      SuccessCriteriaResolver criteria, Clock clock) {
    this.clock = clock;
    this.changes = changes;
    this.criteria = criteria;
    this.properties = properties;
    this.audit = audit;
  }

  public Stabilization check(String changeId, String endsAt) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    int minutes = criteria.of(change).stabilizationMinutes();
    Instant now = clock.instant();
    Instant end = endsAt == null || endsAt.isBlank() ? now.plus(Duration.ofMinutes(minutes)) : Instant.parse(endsAt);
    if (endsAt == null && minutes > 0) {
      audit.record(DeploymentService.SYSTEM, AuditAction.STABILIZING, changeId,
          Map.of("minutes", minutes, "until", end.toString()));
    }
    if (!now.isBefore(end)) {
      return new Stabilization(true, end.toString(), "PT0S");
    }
    Duration remaining = Duration.between(now, end);
    Duration wait = remaining.compareTo(properties.validationInterval()) < 0 ? remaining
        : properties.validationInterval();
    return new Stabilization(false, end.toString(), wait.toString());
  }
}
