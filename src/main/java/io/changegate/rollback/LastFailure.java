package io.changegate.rollback;

import io.changegate.audit.AuditTrail;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Why a change is rolled back: the last failure on its timeline, for incidents and the postmortem. */
@Component
public class LastFailure {

  /** Timeline events that say what went wrong. */
  static final List<String> FAILURES = List.of("VALIDATION_FAILED", "ALERT_FIRING", "DEPLOYMENT_REFUSED",
      "MIGRATION_REFUSED", "ROLLOUT_DEGRADED", "ROLLOUT_FAILED", "ROLLBACK_REQUESTED", "ROLLBACK_REFUSED",
      "RECOVERY_NOT_VERIFIED", "ROLLBACK_ROLLOUT_FAILED", "ROLLBACK_ROLLOUT_DEGRADED");

  private final AuditTrail audit;

  public LastFailure(AuditTrail audit) {
    this.audit = audit;
  }

  /** The last failure of the change: its event and details (abbreviated). */
  public Optional<String> of(String changeId) {
    return audit.entriesOf(changeId).stream()
        .filter(e -> FAILURES.contains(e.action()))
        .reduce((a, b) -> b)
        .map(e -> e.action() + " " + Text.abbreviate(e.details(), 400));
  }
}
