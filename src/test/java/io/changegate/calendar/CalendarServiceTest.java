package io.changegate.calendar;

import io.changegate.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a change's slot stands and what the scheduling step records ({@link CalendarService}), at a fixed now, over a
 * mocked conflict detector and change store: planned later, clear, blocked with or without a free slot.
 */
class CalendarServiceTest {

  static final Instant NOW = Instant.parse("2026-12-19T10:00:00Z");
  static final String ID = "CHG-000001";

  private final ConflictDetector detector = mock(ConflictDetector.class);
  private final ChangeService changes = mock(ChangeService.class);
  private final AuditTrail audit = mock(AuditTrail.class);
  private final CalendarService calendar = new CalendarService(detector, changes, audit,
      new CalendarProperties(Duration.ofMinutes(45), Duration.ofDays(30)),
      Clock.fixed(NOW, ZoneOffset.UTC));
  private final ConflictDetector.Subject subject = new ConflictDetector.Subject(ID, "payments-api", "production",
      false);

  static Change change(ChangeStatus status, Instant plannedStart, Instant plannedEnd) {
    return new Change(ID, "Change", null, "payments-api", "production", null, Level.LOW, Level.LOW, false, false, null,
        false, null, plannedStart, plannedEnd, List.of(), null, null, false, "requester", status, ChangeType.NORMAL,
        null, null, NOW, NOW);
  }

  private Change given(ChangeStatus status, Instant plannedStart, Instant plannedEnd, CalendarConflict... conflicts) {
    Change change = change(status, plannedStart, plannedEnd);
    when(changes.get(ID)).thenReturn(change);
    when(detector.subject(change)).thenReturn(subject);
    when(detector.conflicts(eq(subject), any())).thenReturn(List.of(conflicts));
    return change;
  }

  static CalendarConflict blackout(String end) {
    return new CalendarConflict(ConflictType.BLACKOUT, true, "Blackout BLK-000001", "BLK-000001", null,
        NOW.minusSeconds(3600), Instant.parse(end));
  }

  static CalendarConflict overlap() {
    return new CalendarConflict(ConflictType.CHANGE_OVERLAP, false, "Overlaps CHG-000002", null, "CHG-000002", NOW,
        NOW.plusSeconds(1800));
  }

  // ------------------------------------------------------------------ check

  @Test
  void aChangePlannedLaterWaitsForItsStartInItsOwnSlot() {
    Instant start = NOW.plus(Duration.ofDays(2));
    Change change = given(ChangeStatus.APPROVED, start, start.plus(Duration.ofHours(3)));

    CalendarVerdict verdict = calendar.check(change);

    assertThat(verdict.state()).isEqualTo(SlotState.NOT_YET);
    assertThat(verdict.slot()).isEqualTo(new Slot(start, start.plus(Duration.ofHours(3))));
    assertThat(verdict.resumeAt()).isEqualTo(start);
  }

  @Test
  void aChangeWhosePlannedStartHasPassedTakesItsSlotNowForTheDefaultDuration() {
    Change change = given(ChangeStatus.APPROVED, NOW.minusSeconds(600), null, overlap());

    CalendarVerdict verdict = calendar.check(change);

    assertThat(verdict.clear()).isTrue();
    assertThat(verdict.slot()).isEqualTo(Slot.of(NOW, Duration.ofMinutes(45)));
    assertThat(verdict.conflicts()).extracting(CalendarConflict::type).containsExactly(ConflictType.CHANGE_OVERLAP);
    assertThat(verdict.resumeAt()).isNull();
  }

  @Test
  void aBlockedSlotResumesAtTheNextFreeSlot() {
    Change change = given(ChangeStatus.APPROVED, null, null, blackout("2026-12-19T12:00:00Z"));
    Slot free = Slot.of(Instant.parse("2026-12-19T12:00:00Z"), Duration.ofMinutes(45));
    when(detector.nextFreeSlot(subject, NOW, Duration.ofMinutes(45))).thenReturn(free);

    CalendarVerdict verdict = calendar.check(change);

    assertThat(verdict.state()).isEqualTo(SlotState.BLOCKED);
    assertThat(verdict.suggestion()).isEqualTo(free);
    assertThat(verdict.resumeAt()).isEqualTo(free.start());
    assertThat(verdict.reason()).isEqualTo("Blackout BLK-000001");
  }

  @Test
  void withoutAFreeSlotABlockedChangeResumesWhenTheLastBlockingWindowEnds() {
    Change change = given(ChangeStatus.APPROVED, null, null, blackout("2026-12-19T12:00:00Z"),
        blackout("2026-12-20T06:00:00Z"));

    CalendarVerdict verdict = calendar.check(change);

    assertThat(verdict.suggestion()).isNull();
    assertThat(verdict.resumeAt()).isEqualTo("2026-12-20T06:00:00Z");
  }

  @Test
  void anEmergencyIsCheckedAtTheMomentItNamesForItsOwnServiceAndEnvironment() {
    given(ChangeStatus.APPROVED, null, null);
    Instant when = Instant.parse("2026-12-19T11:00:00Z");
    ConflictDetector.Subject gateway = new ConflictDetector.Subject(ID, "card-gateway", "staging", false);
    when(detector.conflicts(gateway, Slot.of(when, Duration.ofMinutes(45))))
        .thenReturn(List.of(blackout("2026-12-19T12:00:00Z")));

    CalendarVerdict verdict = calendar.check(ID, "card-gateway", "staging", when);

    assertThat(verdict.state()).isEqualTo(SlotState.BLOCKED);
    assertThat(verdict.slot().start()).isEqualTo(when);
  }

  // ------------------------------------------------------------------ schedule

  @Test
  void aClearSlotSchedulesTheChange() {
    given(ChangeStatus.APPROVED, null, null);

    assertThat(calendar.schedule(ID, false).clear()).isTrue();

    verify(changes).transition(eq(ID), eq(ChangeStatus.SCHEDULED), eq(ChangeService.SYSTEM_ACTOR), anyMap());
    verify(audit, never()).record(anyString(), any(AuditAction.class), anyString(), anyMap());
  }

  @Test
  void aBlockedScheduledChangeGoesBackToApprovedAndTheBlockIsRecorded() {
    given(ChangeStatus.SCHEDULED, null, null, blackout("2026-12-19T12:00:00Z"));

    calendar.schedule(ID, false);

    verify(changes).transition(eq(ID), eq(ChangeStatus.APPROVED), eq(ChangeService.SYSTEM_ACTOR), anyMap());
    verify(audit).record(eq(ChangeService.SYSTEM_ACTOR), eq(AuditAction.CALENDAR_BLOCKED), eq(ID), anyMap());
  }

  @Test
  void aClearCheckAfterABlockResumesTheChangeAndAScheduledOneRecordsItsLastCheck() {
    given(ChangeStatus.SCHEDULED, null, null);

    calendar.schedule(ID, true);

    verify(audit).record(eq(ChangeService.SYSTEM_ACTOR), eq(AuditAction.RESUMED), eq(ID), anyMap());
    verify(audit).record(eq(ChangeService.SYSTEM_ACTOR), eq(AuditAction.CALENDAR_CLEAR), eq(ID), anyMap());
    verify(changes, never()).transition(anyString(), any(), anyString(), anyMap());
  }
}
