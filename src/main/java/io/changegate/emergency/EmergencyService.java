package io.changegate.emergency;

import io.changegate.audit.AuditAction;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.emergency.EmergencyProcess.PIR_VERDICT;

import io.changegate.audit.AuditTrail;
import io.changegate.calendar.CalendarPort;
import io.changegate.calendar.CalendarVerdict;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeType;
import io.changegate.web.InvalidRequestException;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.engine.GovernanceRefusal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of the emergency path: who may start one and how it is registered, the blackout override of an
 * approved emergency, and the post-implementation review's verdict. Each runs in the caller's transaction (the
 * engine's, for the steps of {@code emergency-change}), with the audit trail.
 */
@Service
public class EmergencyService {


  /** Where an emergency started ({@code changegate_emergency.started_from}). */
  static final String FROM_API = "API";
  static final String FROM_TASKLIST = "TASKLIST";

  private final ChangeService changes;
  private final EmergencyRecords emergencies;
  private final DeploymentAdapters adapters;
  private final CalendarPort calendar;
  private final AuditTrail audit;
  private final Clock clock;

  public EmergencyService(ChangeService changes, EmergencyRecords emergencies, DeploymentAdapters adapters,
      CalendarPort calendar, AuditTrail audit, Clock clock) {
    this.changes = changes;
    this.emergencies = emergencies;
    this.adapters = adapters;
    this.calendar = calendar;
    this.audit = audit;
    this.clock = clock;
  }

  /** An emergency as registered: the change, and why it is one (its classification reason). */
  public record Registration(String changeId, String reason) {}

  /**
   * "Register emergency change". A change that came through {@code /api/changes} ({@code existingChangeId}, the
   * flow called by {@code change-request}) is registered already: it is recorded as an emergency started from the
   * API, and the answer is null. One started from Tasklist's start form (no change yet) must have an authenticated
   * {@code initiator}; the form is validated like an API request and stored with the initiator as requester. An
   * invalid form, a start without initiator, or a change id given to a flow nobody called is refused.
   */
  @Transactional
  public Registration register(String existingChangeId, boolean calledByAnotherProcess, String initiator,
      EmergencyStartForm form) {
    if (existingChangeId != null && !calledByAnotherProcess) {
      throw new GovernanceRefusal("An emergency change started in Tasklist gets its id from Changegate: "
          + "start it without a business key");
    }
    if (existingChangeId != null) {
      emergencies.ensure(existingChangeId, changes.get(existingChangeId).requester(), null, FROM_API, clock.instant());
      return null;
    }
    if (initiator == null) {
      throw new GovernanceRefusal("An emergency change must be started by an authenticated member of operations");
    }
    String reason = "Started as an emergency from Tasklist by " + initiator + " (operations)";
    Change change;
    try {
      change = changes.registerStarted(form.toChangeRequest(adapters.defaultAdapter()), initiator,
          ChangeType.EMERGENCY, reason);
    } catch (InvalidRequestException invalid) {
      throw new GovernanceRefusal(invalid.getMessage() + ": " + invalid.errors().stream()
          .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    }
    emergencies.ensure(change.id(), initiator, form.incident(), FROM_TASKLIST, clock.instant());
    return new Registration(change.id(), reason);
  }

  /**
   * "Record blackout override": an approved emergency deploys at once, even inside a blackout window; when one
   * blocks it now, the override is recorded with the emergency's justification, on the change and in the audit
   * trail. A clear slot records nothing.
   */
  @Transactional
  public void recordBlackoutOverride(String changeId) {
    Change change = changes.get(changeId);
    CalendarVerdict verdict = calendar.check(changeId, change.service(), change.environment(), clock.instant());
    if (verdict.clear()) {
      return;
    }
    emergencies.blackoutOverridden(changeId, verdict.reason());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("window", verdict.reason());
    details.put("justification", change.emergencyJustification());
    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.BLACKOUT_OVERRIDDEN, changeId, details);
  }

  /** One line of the change's timeline as the post-implementation review shows it. */
  public record TimelineRow(String time, String event, String actor) {}

  /** The change's timeline, oldest first, for the CAB to read in the post-implementation review. */
  public List<TimelineRow> timeline(String changeId) {
    return audit.entriesOf(changeId).stream()
        .map(entry -> new TimelineRow(entry.occurredAt().toString(), entry.action(), entry.actor()))
        .toList();
  }

  /**
   * The CAB's verdict in the post-implementation review: ACCEPTED, or SHOULD_HAVE_BEEN_NORMAL with a comment that
   * says why, which counts as an abuse of the emergency path. Anything else is refused and nothing is recorded.
   */
  @Transactional
  public PirVerdict recordReview(String changeId, String verdictValue, String comment, String reviewer) {
    PirVerdict verdict;
    try {
      verdict = PirVerdict.valueOf(verdictValue == null ? "" : verdictValue);
    } catch (IllegalArgumentException e) {
      throw new GovernanceRefusal("The review needs a verdict (variable '" + PIR_VERDICT.name() + "'): ACCEPTED or "
          + "SHOULD_HAVE_BEEN_NORMAL");
    }
    if (verdict == PirVerdict.SHOULD_HAVE_BEEN_NORMAL && (comment == null || comment.isBlank())) {
      throw new GovernanceRefusal("Say why it should have been a normal change (variable '" + COMMENT.name() + "')");
    }
    emergencies.reviewed(changeId, verdict, reviewer, comment, clock.instant());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("verdict", verdict.name());
    details.put("comment", comment == null ? "" : comment);
    audit.record(reviewer, AuditAction.PIR_RECORDED, changeId, details);
    return verdict;
  }
}
