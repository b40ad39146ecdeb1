package io.changegate.rollback.rehearsal;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeConflictException;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.change.Level;
import io.changegate.change.RollbackRehearsals;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.monitoring.CheckResult;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rollback rehearsals. A HIGH-risk change to a production environment is signed off only after the rollback of its
 * digest was rehearsed in the environment before production in the promotion order (staging): operations ask for the
 * rehearsal of a COMPLETED change of that digest there ({@link #request}); its rollback runs as any rollback (evidence,
 * targets last deployed first, stateful components, verification), the time to restore is measured and the
 * verification after the rollback is the data-consistency check ({@link #restored}, {@link #notRecovered}). A
 * rehearsed change keeps qualifying its digest for promotion. Facts come from Changegate's tables, never from process
 * variables.
 */
@Service
public class RehearsalService implements RollbackRehearsals {

  /** What the sign-off gate found: no rehearsal needed, one that passed, or none. */
  public enum Verdict { NOT_NEEDED, REHEARSED, MISSING }

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final ChangeService changes;
  private final EnvironmentCatalog catalog;
  private final RehearsalStore store;
  private final AuditTrail audit;
  private final Clock clock;

  public RehearsalService(ChangeService changes, EnvironmentCatalog catalog, RehearsalStore store, AuditTrail audit,
      Clock clock) {
    this.changes = changes;
    this.catalog = catalog;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Marks the change as a rehearsal and records who asked; the caller then asks for its rollback. Only a COMPLETED,
   * non-production change with a digest, not a dry run, once.
   */
  @Transactional
  public void request(String changeId, String actor, String reason) {
    Change change = changes.get(changeId);
    if (catalog.isProduction(change.environment())) {
      throw new ChangeConflictException(changeId + " runs in " + change.environment()
          + ", a production environment: a rollback is rehearsed in the environment before production, never in it");
    }
    if (change.status() != ChangeStatus.COMPLETED) {
      throw new ChangeConflictException(changeId + " is " + change.status() + ": only a deployed and validated"
          + " (COMPLETED) change can be rolled back on purpose to rehearse its rollback");
    }
    if (change.dryRun()) {
      throw new ChangeConflictException(changeId + " is a dry run: it deployed nothing whose rollback could be"
          + " rehearsed");
    }
    if (change.artifact() == null || change.artifact().digest() == null) {
      throw new ChangeConflictException(changeId + " has no artifact digest: a rehearsal counts for a digest");
    }
    if (store.find(changeId).isPresent()) {
      throw new ChangeConflictException(changeId + " was rehearsed already");
    }
    String why = reason == null ? "" : reason;
    store.requested(changeId, change.service(), change.environment(), change.artifact().digest(), actor, why,
        clock.instant());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("digest", change.artifact().digest());
    details.put("reason", why);
    audit.record(actor, AuditAction.ROLLBACK_REHEARSAL_REQUESTED, changeId, details);
  }

  /** Whether the change's rollback is a rehearsal (no postmortem, its outcome recorded). */
  public boolean isRehearsal(String changeId) {
    return store.find(changeId).isPresent();
  }

  /**
   * The verification after the rollback of a rehearsal: its checks are the data-consistency result; a failed one ends
   * the rehearsal FAILED. Nothing for a change that is no rehearsal.
   */
  @Transactional
  public void verified(String changeId, boolean passed, List<CheckResult> checks) {
    Optional<Rehearsal> rehearsal = store.find(changeId);
    if (rehearsal.isEmpty() || !Rehearsal.REQUESTED.equals(rehearsal.get().outcome())) {
      return;
    }
    String consistency = describe(checks);
    store.consistency(changeId, passed, consistency);
    if (!passed) {
      finish(changeId, Rehearsal.FAILED, null, false, consistency);
    }
  }

  /**
   * The rollback restored the service (its verification passed): a rehearsal PASSED, with the time to restore and
   * the verification's checks as its data-consistency result. Nothing for a change that is no rehearsal.
   */
  @Transactional
  public void restored(String changeId, Duration timeToRestore) {
    Optional<Rehearsal> rehearsal = store.find(changeId);
    if (rehearsal.isEmpty() || !Rehearsal.REQUESTED.equals(rehearsal.get().outcome())) {
      return;
    }
    boolean consistent = Boolean.TRUE.equals(rehearsal.get().consistencyPassed());
    finish(changeId, consistent ? Rehearsal.PASSED : Rehearsal.FAILED, timeToRestore, consistent,
        rehearsal.get().consistency() == null ? "no verification after the rollback" : rehearsal.get().consistency());
  }

  private void finish(String changeId, String outcome, Duration timeToRestore, boolean consistent,
      String consistency) {
    Double seconds = timeToRestore == null ? null : timeToRestore.toMillis() / 1000.0;
    if (store.finished(changeId, outcome, seconds, consistent, consistency, clock.instant())) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("outcome", outcome);
      details.put("timeToRestoreSeconds", seconds);
      details.put("consistencyPassed", consistent);
      details.put("consistency", consistency);
      audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.ROLLBACK_REHEARSED, changeId, details);
    }
  }

  /** The checks of the verification, one after the other: name, passed or not, what was measured. */
  private static String describe(List<CheckResult> checks) {
    List<String> parts = new ArrayList<>();
    for (CheckResult check : checks) {
      parts.add(check.check() + ": " + (check.passed() ? "passed" : "FAILED") + " (" + check.measured()
          + (check.threshold() == null ? "" : ", expected " + check.threshold()) + ", " + check.source() + ")");
    }
    return parts.isEmpty() ? "verification passed, no checks reported" : String.join("; ", parts);
  }

  /**
   * The sign-off gate of a normal change: a HIGH-risk change to production needs a PASSED rehearsal of its digest in
   * the environment before production. Records on the timeline what it found, or why the sign-offs wait.
   */
  @Transactional
  public Verdict check(String changeId) {
    Change change = changes.get(changeId);
    if (!required(change)) {
      return Verdict.NOT_NEEDED;
    }
    Optional<Rehearsal> found = passedFor(change);
    Map<String, Object> details = new LinkedHashMap<>();
    if (found.isPresent()) {
      Rehearsal r = found.get();
      details.put("rehearsedBy", r.changeId());
      details.put("environment", r.environment());
      details.put("timeToRestoreSeconds", r.timeToRestoreSeconds());
      details.put("consistency", r.consistency());
      audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.ROLLBACK_REHEARSAL_FOUND, changeId, details);
      return Verdict.REHEARSED;
    }
    details.put("reason", missing(change));
    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.ROLLBACK_REHEARSAL_MISSING, changeId, details);
    return Verdict.MISSING;
  }

  /** Refuses to let the sign-offs start while the rehearsal is missing (the task "Rehearse the rollback"). */
  public void requireRehearsed(String changeId) {
    Change change = changes.get(changeId);
    if (required(change) && passedFor(change).isEmpty()) {
      throw new GovernanceRefusal(missing(change));
    }
  }

  @Override
  public String describe(String changeId) {
    Change change = changes.get(changeId);
    if (!required(change)) {
      return "Not required: only a HIGH-risk change to a production environment needs a rehearsed rollback.";
    }
    return passedFor(change).map(r -> "Rehearsed in " + r.environment() + " by " + r.changeId() + " (asked by "
            + r.requestedBy() + ", ended " + WHEN.format(r.finishedAt()) + ").\nTime to restore: "
            + r.timeToRestoreSeconds().stripTrailingZeros().toPlainString() + " s.\nData consistency: "
            + (Boolean.TRUE.equals(r.consistencyPassed()) ? "passed" : "NOT verified") + " — " + r.consistency())
        .orElseGet(() -> "MISSING: " + missing(change));
  }

  private boolean required(Change change) {
    return change.riskLevel() == Level.HIGH && catalog.isProduction(change.environment());
  }

  private Optional<Rehearsal> passedFor(Change change) {
    Optional<String> before = catalog.previousInPromotion(change.environment()).map(EnvironmentFacts::name);
    if (before.isEmpty() || change.artifact() == null || change.artifact().digest() == null) {
      return Optional.empty();
    }
    return store.passedIn(before.get(), change.service(), change.artifact().digest());
  }

  private String missing(Change change) {
    Optional<String> before = catalog.previousInPromotion(change.environment()).map(EnvironmentFacts::name);
    if (change.artifact() == null || change.artifact().digest() == null) {
      return "a HIGH-risk change to " + change.environment() + " needs an artifact digest whose rollback was"
          + " rehearsed before production";
    }
    if (before.isEmpty()) {
      return change.environment() + " has no environment before it in the promotion order: nowhere to rehearse the"
          + " rollback of " + change.artifact().digest();
    }
    return "a HIGH-risk change to " + change.environment() + " is signed off only after the rollback of digest "
        + change.artifact().digest() + " of " + change.service() + " was rehearsed in " + before.get()
        + ": deploy it there (COMPLETED), then operations POST /api/changes/{that change}/rehearse-rollback; the"
        + " rollback must restore the service and pass its verification";
  }
}
