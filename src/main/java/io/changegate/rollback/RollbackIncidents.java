package io.changegate.rollback;

import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.rollback.incident.IncidentReport;
import io.changegate.rollback.incident.Incidents;
import io.changegate.rollback.rehearsal.RehearsalService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incidents of a rollback, each opened once in the ITSM tool ({@link Incidents}) with the last failure on the
 * change's timeline: a major one when the rollback starts, a critical one when it failed.
 */
@Service
public class RollbackIncidents {

  private final ChangeService changes;
  private final Incidents incidents;
  private final LastFailure lastFailure;
  private final RehearsalService rehearsals;

  public RollbackIncidents(ChangeService changes, Incidents incidents, LastFailure lastFailure,
      RehearsalService rehearsals) {
    this.rehearsals = rehearsals;
    this.changes = changes;
    this.incidents = incidents;
    this.lastFailure = lastFailure;
  }

  /** The rollback starts: the incident's reference. */
  @Transactional
  public String openIncident(String changeId) {
    Change change = changes.get(changeId);
    String reason = lastFailure.of(changeId).orElse("rollback started");
    // a rehearsal is rolled back on purpose: the incident says so and is minor
    boolean rehearsal = rehearsals.isRehearsal(changeId);
    return incidents.open(new IncidentReport(changeId, changeId + ":ROLLBACK", "ROLLBACK", rehearsal ? "minor" : "major",
        (rehearsal ? "Rollback rehearsal (on purpose): change " : "Change ") + changeId + " of " + change.service()
            + " in " + change.environment() + " is being rolled back",
        reason, change.service(), change.environment(), change.dryRun())).reference();
  }

  /** The rollback failed: operations must restore the service by hand. The incident's reference. */
  @Transactional
  public String escalateFailedRollback(String changeId) {
    Change change = changes.get(changeId);
    String reason = lastFailure.of(changeId).orElse("the rollback did not restore the service");
    return incidents.open(new IncidentReport(changeId, changeId + ":ROLLBACK_FAILED", "ROLLBACK_FAILED", "critical",
        "Rollback of change " + changeId + " (" + change.service() + " in " + change.environment() + ") failed",
        reason + ". Operations must restore the service by hand.", change.service(), change.environment(),
        change.dryRun())).reference();
  }
}
