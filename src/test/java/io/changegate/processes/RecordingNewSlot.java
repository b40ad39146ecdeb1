package io.changegate.processes;

import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_START;

import io.changegate.calendar.process.NewSlotListener;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The {@code newSlot} bean of the diagrams ({@code ${newSlot.check(task)}}): records every call, then runs
 * the real {@link NewSlotListener} on the system clock, so a slot that is missing, unreadable, backwards or
 * in the past is refused as in production.
 */
public final class RecordingNewSlot {

  /** One completion attempt: which task, which start was asked for. */
  public record Call(String taskDefinitionKey, String newPlannedStart) {}

  private final NewSlotListener listener = new NewSlotListener(Clock.systemUTC());
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public void check(DelegateTask task) {
    calls.add(new Call(task.getTaskDefinitionKey(), NEW_PLANNED_START.from(task)));
    listener.check(task);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }
}
