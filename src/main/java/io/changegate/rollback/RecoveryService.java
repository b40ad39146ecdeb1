package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.deployment.EnvironmentSlots;
import io.changegate.deployment.Release;
import io.changegate.deployment.StoredCall;
import io.changegate.monitoring.ValidationPort;
import io.changegate.monitoring.ValidationReport;
import io.changegate.monitoring.ValidationRequest;
import io.changegate.rollback.rehearsal.RehearsalService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recovery after the targets were rolled back: verified with the same validation as after the deployment, then
 * recorded with the time to restore (status ROLLED_BACK); the change's environment slot is freed.
 */
@Service
public class RecoveryService {

  private final ChangeService changes;
  private final DeployedTargets deployed;
  private final ValidationPort validation;
  private final EnvironmentSlots slots;
  private final AuditTrail audit;
  private final Clock clock;
  private final RehearsalService rehearsals;

  public RecoveryService(ChangeService changes, DeployedTargets deployed, ValidationPort validation,
      EnvironmentSlots slots, AuditTrail audit, Clock clock, RehearsalService rehearsals) {
    this.rehearsals = rehearsals;
    this.changes = changes;
    this.deployed = deployed;
    this.validation = validation;
    this.slots = slots;
    this.audit = audit;
    this.clock = clock;
  }

  /** The same validation as after the deployment, against what runs again. */
  @Transactional
  public boolean verifyRecovery(String changeId) {
    Change change = changes.get(changeId);
    String restoredVersion = deployed.toRollBack(changeId).stream().findFirst().map(StoredCall::previous)
        .map(Release::version).orElse(null);
    ValidationReport report = validation.validate(new ValidationRequest(changeId, change.service(),
        change.environment(), restoredVersion, change.validation()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("passed", report.passed());
    details.put("version", restoredVersion);
    details.put("checks", report.checks());
    audit.record(ChangeService.SYSTEM_ACTOR, report.passed() ? AuditAction.RECOVERY_VERIFIED : AuditAction.RECOVERY_NOT_VERIFIED,
        changeId, details);
    // a rehearsal: the verification's checks are its data-consistency result
    rehearsals.verified(changeId, report.passed(), report.checks());
    return report.passed();
  }

  /**
   * Status ROLLED_BACK, with the time to restore (from the start of the rollback to verified recovery); the
   * change's environment slot is freed.
   */
  @Transactional
  public Duration recordRestored(String changeId) {
    Instant restoredAt = clock.instant();
    Instant detectedAt = audit.entriesOf(changeId).stream()
        .filter(e -> ChangeStatus.ROLLING_BACK.name().equals(e.action()))
        .map(AuditEntry::occurredAt).reduce((first, second) -> second).orElse(restoredAt);
    Duration timeToRestore = Duration.between(detectedAt, restoredAt);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rollbackStartedAt", detectedAt.toString());
    details.put("restoredAt", restoredAt.toString());
    details.put("timeToRestore", timeToRestore.toString());
    details.put("timeToRestoreSeconds", timeToRestore.toMillis() / 1000.0);
    changes.transition(changeId, ChangeStatus.ROLLED_BACK, ChangeService.SYSTEM_ACTOR, details);
    // the environment is restored: the next change need not wait for the postmortem
    slots.release(changeId);
    // a rehearsal: its time to restore and the verification's checks as its data-consistency result
    rehearsals.restored(changeId, timeToRestore);
    return timeToRestore;
  }
}
