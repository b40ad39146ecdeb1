package io.changegate.calendar.process;

import static io.changegate.calendar.process.CalendarProcess.CALENDAR_VERDICT;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_END;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_START;
import static io.changegate.calendar.process.CalendarProcess.RESCHEDULED_BY;
import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeService;
import io.changegate.engine.CallableFromModels;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Move change to the new slot": the change's planned start and end become the picked slot; the
 * blocked verdict, which was about the old slot, is cleared.
 */
@CallableFromModels
@Component("moveToNewSlot")
public class MoveToNewSlotDelegate implements JavaDelegate {

  private final ChangeService changes;

  public MoveToNewSlotDelegate(ChangeService changes) {
    this.changes = changes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    Instant start = Instant.parse(NEW_PLANNED_START.required(execution));
    Instant end = Instant.parse(NEW_PLANNED_END.required(execution));
    String actor = RESCHEDULED_BY.required(execution);

    changes.reschedule(changeId, start, end, actor);

    // the blocked verdict was about the old slot: the next check is a new start, not a resumption
    CALENDAR_VERDICT.set(execution, null);
  }
}
