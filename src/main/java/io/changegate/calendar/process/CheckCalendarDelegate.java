package io.changegate.calendar.process;

import static io.changegate.calendar.process.CalendarProcess.CALENDAR_CONFLICTS;
import static io.changegate.calendar.process.CalendarProcess.CALENDAR_RESUME_AT;
import static io.changegate.calendar.process.CalendarProcess.CALENDAR_VERDICT;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_END;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_START;
import static io.changegate.calendar.process.CalendarProcess.SUGGESTED_SLOT;
import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.calendar.CalendarService;
import io.changegate.calendar.CalendarVerdict;
import io.changegate.calendar.Slot;
import io.changegate.calendar.SlotState;
import io.changegate.engine.CallableFromModels;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Check change calendar": checks the change's slot and records the outcome; the diagram
 * goes on by {@code calendarVerdict} (deploy, wait until {@code calendarResumeAt}, or pick a new slot).
 * A previous verdict BLOCKED means the flow waited for the blocking window: a clear slot then resumes it.
 */
@CallableFromModels
@Component("checkCalendar")
public class CheckCalendarDelegate implements JavaDelegate {

  private final CalendarService calendar;

  public CheckCalendarDelegate(CalendarService calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    boolean afterBlock = SlotState.BLOCKED.name().equals(CALENDAR_VERDICT.from(execution));

    CalendarVerdict verdict = calendar.schedule(changeId, afterBlock);

    CALENDAR_VERDICT.set(execution, verdict.state().name());
    CALENDAR_RESUME_AT.set(execution, verdict.resumeAt() == null ? null : Date.from(verdict.resumeAt()));
    if (verdict.state() == SlotState.BLOCKED || execution.hasVariable(CALENDAR_CONFLICTS.name())) {
      CALENDAR_CONFLICTS.set(execution, verdict.describeConflicts());
    }
    if (verdict.state() == SlotState.BLOCKED) {
      Slot next = verdict.suggestion();
      SUGGESTED_SLOT.set(execution, next == null ? "No free slot within the search horizon; pick one after "
          + verdict.resumeAt() : next.start() + " to " + next.end() + " (UTC)");
      NEW_PLANNED_START.set(execution, next == null ? verdict.resumeAt().toString() : next.start().toString());
      NEW_PLANNED_END.set(execution, next == null ? verdict.resumeAt().plus(verdict.slot().duration()).toString()
          : next.end().toString());
    }
  }
}
