package io.changegate.processes;

import static io.changegate.calendar.process.CalendarProcess.CALENDAR_CONFLICTS;
import static io.changegate.calendar.process.CalendarProcess.CALENDAR_RESUME_AT;
import static io.changegate.calendar.process.CalendarProcess.CALENDAR_VERDICT;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_END;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_START;
import static io.changegate.calendar.process.CalendarProcess.SUGGESTED_SLOT;

import io.changegate.calendar.SlotState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Behaviour of the {@code checkCalendar} test double: one verdict per check, in order, written to the
 * variables the real delegate writes. Running out of verdicts fails the test loudly.
 */
final class CalendarVerdicts implements Consumer<DelegateExecution> {

  /** One check's outcome. */
  record Verdict(SlotState state, Instant resumeAt) {}

  static final Duration SLOT = Duration.ofHours(1);

  private final Queue<Verdict> verdicts;

  private CalendarVerdicts(List<Verdict> verdicts) {
    this.verdicts = new ArrayDeque<>(verdicts);
  }

  static CalendarVerdicts of(Verdict... verdicts) {
    return new CalendarVerdicts(List.of(verdicts));
  }

  static Verdict clear() {
    return new Verdict(SlotState.CLEAR, null);
  }

  static Verdict notYet(Instant plannedStart) {
    return new Verdict(SlotState.NOT_YET, plannedStart);
  }

  /** Blocked; the next free slot starts at {@code nextFreeSlot}. */
  static Verdict blocked(Instant nextFreeSlot) {
    return new Verdict(SlotState.BLOCKED, nextFreeSlot);
  }

  @Override
  public void accept(DelegateExecution execution) {
    Verdict verdict = verdicts.poll();
    if (verdict == null) {
      throw new AssertionError("the calendar was checked more often than the test expected");
    }
    CALENDAR_VERDICT.set(execution, verdict.state().name());
    CALENDAR_RESUME_AT.set(execution, verdict.resumeAt() == null ? null : Date.from(verdict.resumeAt()));
    CALENDAR_CONFLICTS.set(execution, verdict.state() == SlotState.BLOCKED
        ? "BLOCKS: Blackout BLK-000001 \"Year-end freeze\"" : "No calendar conflicts");
    if (verdict.state() == SlotState.BLOCKED) {
      SUGGESTED_SLOT.set(execution, verdict.resumeAt() + " to " + verdict.resumeAt().plus(SLOT) + " (UTC)");
      NEW_PLANNED_START.set(execution, verdict.resumeAt().toString());
      NEW_PLANNED_END.set(execution, verdict.resumeAt().plus(SLOT).toString());
    }
  }

  boolean exhausted() {
    return verdicts.isEmpty();
  }
}
