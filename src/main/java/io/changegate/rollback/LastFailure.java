package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Why a change is rolled back: the last failure on its timeline, for incidents and the postmortem. */
@Component
public class LastFailure {

  /** Timeline events that say what went wrong. */
  static final List<String> FAILURES = java.util.stream.Stream.of(AuditAction.VALIDATION_FAILED,
      AuditAction.ALERT_FIRING, AuditAction.DEPLOYMENT_REFUSED, AuditAction.MIGRATION_REFUSED,
      AuditAction.ROLLOUT_DEGRADED, AuditAction.ROLLOUT_FAILED, AuditAction.ROLLBACK_REQUESTED,
      AuditAction.ROLLBACK_REFUSED, AuditAction.RECOVERY_NOT_VERIFIED, AuditAction.ROLLBACK_ROLLOUT_FAILED,
      AuditAction.ROLLBACK_ROLLOUT_DEGRADED).map(Enum::name).toList();

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
