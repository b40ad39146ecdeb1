package io.changegate.calendar;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.Change;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Check change calendar": the change is SCHEDULED when its slot is clear. */
@Component("checkCalendar")
public class CheckCalendarDelegate implements JavaDelegate {

  private final CalendarPort calendar;
  private final ChangeService changes;

  public CheckCalendarDelegate(CalendarPort calendar, ChangeService changes) {
    this.calendar = calendar;
    this.changes = changes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    Change change = changes.get(changeId);
    Instant when = change.plannedStart() != null ? change.plannedStart() : Instant.now();

    CalendarVerdict verdict = calendar.check(changeId, change.service(), change.environment(), when);
    if (!verdict.clear()) {
      // Until blackout windows exist (the calendar issue), no calendar adapter blocks a slot.
      throw new IllegalStateException("change " + changeId + " is blocked: " + verdict.reason());
    }

    changes.transition(changeId, ChangeStatus.SCHEDULED, "changegate", Map.of("calendar", verdict.reason()));
  }
}
