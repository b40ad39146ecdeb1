package io.changegate.calendar.process;

import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_END;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_START;
import static io.changegate.calendar.process.CalendarProcess.RESCHEDULED_BY;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.Actor;
import io.changegate.web.DateRange;
import io.changegate.engine.GovernanceRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of "Pick a new slot" ({@code ${newSlot.check(task)}}): the new slot must be two
 * ISO-8601 date-times with an offset within {@link DateRange}, end after start, start not in the past. The
 * engine refuses anything else, from Tasklist or {@code /engine-rest} (400, a {@link GovernanceRefusal}), and the
 * task stays open.
 * Records who picked the slot.
 */
@CallableFromModels
@Component("newSlot")
public class NewSlotListener {

  /** A start this far in the past is still accepted (the time it takes to fill in the form). */
  static final Duration SLACK = Duration.ofMinutes(10);

  private final Clock clock;

  public NewSlotListener(Clock clock) {
    this.clock = clock;
  }

  public void check(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    Instant start = parse(NEW_PLANNED_START.from(task), NEW_PLANNED_START.name(), problems);
    Instant end = parse(NEW_PLANNED_END.from(task), NEW_PLANNED_END.name(), problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add("'" + NEW_PLANNED_END.name() + "' must be after '" + NEW_PLANNED_START.name() + "'");
    }
    if (start != null && start.isBefore(clock.instant().minus(SLACK))) {
      problems.add("'" + NEW_PLANNED_START.name() + "' lies in the past");
    }
    if (!problems.isEmpty()) {
      throw new GovernanceRefusal("The new slot is not valid: " + String.join("; ", problems));
    }
    // normalised, so the next step reads plain UTC instants
    NEW_PLANNED_START.set(task, start.toString());
    NEW_PLANNED_END.set(task, end.toString());
    RESCHEDULED_BY.set(task, Actor.of(task));
  }

  private static Instant parse(String value, String name, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("'" + name + "' is required");
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value.strip()).toInstant();
      if (!DateRange.contains(instant)) {
        problems.add("'" + name + "' " + DateRange.MESSAGE);
        return null;
      }
      return instant;
    } catch (DateTimeParseException e) {
      problems.add("'" + name + "' must be an ISO-8601 date-time with offset, e.g. 2026-12-04T06:00:00Z");
      return null;
    }
  }
}
