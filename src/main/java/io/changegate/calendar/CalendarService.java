package io.changegate.calendar;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calendar behind {@link CalendarPort}, and the scheduling step of the change flows: a change's slot
 * starts at its {@code plannedStart} (or now, once that has passed) and lasts until its {@code plannedEnd}
 * (or the default duration).
 */
@Service
public class CalendarService implements CalendarPort {


  private final ConflictDetector detector;
  private final ChangeService changes;
  private final AuditTrail audit;
  private final CalendarProperties properties;
  private final Clock clock;

  public CalendarService(ConflictDetector detector, ChangeService changes, AuditTrail audit,
      CalendarProperties properties, Clock clock) {
    this.detector = detector;
    this.changes = changes;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public CalendarVerdict check(Change change) {
    return check(change, clock.instant());
  }

  CalendarVerdict check(Change change, Instant now) {
    Duration duration = duration(change);
    boolean later = change.plannedStart() != null && change.plannedStart().isAfter(now);
    Instant start = later ? change.plannedStart() : now;
    Slot slot = Slot.of(start, duration);
    ConflictDetector.Subject subject = detector.subject(change);
    List<CalendarConflict> conflicts = detector.conflicts(subject, slot);
    if (conflicts.stream().anyMatch(CalendarConflict::blocking)) {
      return blocked(subject, slot, conflicts);
    }
    if (later) {
      return new CalendarVerdict(SlotState.NOT_YET, slot, conflicts, change.plannedStart(), null);
    }
    return new CalendarVerdict(SlotState.CLEAR, slot, conflicts, null, null);
  }

  @Override
  public CalendarVerdict check(String changeId, String service, String environment, Instant when) {
    Change change = changes.get(changeId);
    ConflictDetector.Subject subject = new ConflictDetector.Subject(changeId, service, environment,
        detector.subject(change).highRiskProduction());
    Slot slot = Slot.of(when, duration(change));
    List<CalendarConflict> conflicts = detector.conflicts(subject, slot);
    if (conflicts.stream().noneMatch(CalendarConflict::blocking)) {
      return new CalendarVerdict(SlotState.CLEAR, slot, conflicts, null, null);
    }
    return blocked(subject, slot, conflicts);
  }

  /** Blocked: the next free slot of the same length is where to resume (or, with none, the blocking end). */
  private CalendarVerdict blocked(ConflictDetector.Subject subject, Slot slot, List<CalendarConflict> conflicts) {
    Slot suggestion = detector.nextFreeSlot(subject, slot.start(), slot.duration());
    Instant resumeAt = suggestion != null ? suggestion.start() : conflicts.stream().filter(CalendarConflict::blocking)
        .map(CalendarConflict::end).max(Instant::compareTo).orElseThrow();
    return new CalendarVerdict(SlotState.BLOCKED, slot, conflicts, resumeAt, suggestion);
  }

  /** How long the change holds its slot. */
  Duration duration(Change change) {
    if (change.plannedStart() != null && change.plannedEnd() != null && change.plannedEnd().isAfter(change.plannedStart())) {
      return Duration.between(change.plannedStart(), change.plannedEnd());
    }
    return properties.defaultChangeDuration();
  }

  /**
   * The scheduling step of the change flows: checks the change's slot and records the outcome on its
   * timeline. Clear: the change is SCHEDULED (or, already scheduled, its last check before deploying is
   * recorded). Planned later: SCHEDULED for its planned start. Blocked: CALENDAR_BLOCKED with the
   * conflicts and the next free slot, and a change that was SCHEDULED goes back to APPROVED. A check that
   * clears {@code afterBlock} (the flow waited for the blocking window to end) records that the change resumed.
   */
  @Transactional
  public CalendarVerdict schedule(String changeId, boolean afterBlock) {
    Change change = changes.get(changeId);
    CalendarVerdict verdict = check(change);
    String actor = ChangeService.SYSTEM_ACTOR;
    Map<String, Object> details = details(verdict);
    switch (verdict.state()) {
      case BLOCKED -> {
        if (change.status() == ChangeStatus.SCHEDULED) {
          changes.transition(changeId, ChangeStatus.APPROVED, actor,
              Map.of("calendar", "its slot is blocked; it is no longer scheduled"));
        }
        audit.record(actor, AuditAction.CALENDAR_BLOCKED, changeId, details);
      }
      case NOT_YET, CLEAR -> {
        if (afterBlock) {
          audit.record(actor, AuditAction.RESUMED, changeId, Map.of("calendar", "the blocking window is over",
              "slot", verdict.slot().toString()));
        }
        if (change.status() == ChangeStatus.SCHEDULED) {
          audit.record(actor, AuditAction.CALENDAR_CLEAR, changeId, details);
        } else {
          changes.transition(changeId, ChangeStatus.SCHEDULED, actor, details);
        }
      }
    }
    return verdict;
  }

  private static Map<String, Object> details(CalendarVerdict verdict) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("calendar", switch (verdict.state()) {
      case CLEAR -> "slot clear";
      case NOT_YET -> "waiting for the planned start";
      case BLOCKED -> "slot blocked";
    });
    details.put("slotStart", verdict.slot().start().toString());
    details.put("slotEnd", verdict.slot().end().toString());
    if (verdict.resumeAt() != null) {
      details.put(verdict.state() == SlotState.NOT_YET ? "plannedStart" : "nextFreeSlot",
          verdict.resumeAt().toString());
    }
    if (!verdict.conflicts().isEmpty()) {
      details.put("conflicts", verdict.conflicts().stream()
          .map(c -> Map.of("type", c.type().name(), "blocking", c.blocking(), "summary", c.summary())).toList());
    }
    return details;
  }
}
