package io.changegate.environment.process;

import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.environment.BookingService;
import io.changegate.environment.Decommissions;
import io.changegate.environment.EnvironmentProcesses;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the owner group's tasks: the decision on contended bookings ({@code bookings(task)}) and on
 * a proposed decommissioning ({@code decommission(task)}). Reads the contention or proposal from the business key and
 * the decision from the completing call's form inputs ({@code decision}, {@code comment}, {@code rejectBooking});
 * the service checks the person against the owner group in the catalog and records the outcome in the same
 * transaction. A refusal (400) leaves the task open and nothing changed.
 */
@CallableFromModels
@Component("environmentDecision")
public class EnvironmentDecisionListener {

  private final BookingService bookings;
  private final Decommissions decommissions;

  public EnvironmentDecisionListener(BookingService bookings, Decommissions decommissions) {
    this.bookings = bookings;
    this.decommissions = decommissions;
  }

  public void bookings(DelegateTask task) {
    String contentionId = task.getExecution().getProcessBusinessKey();
    String decision = text(task, EnvironmentProcesses.DECISION);
    String comment = text(task, EnvironmentProcesses.COMMENT);
    String reject = text(task, EnvironmentProcesses.REJECT_BOOKING);

    bookings.decide(contentionId, Actor.of(task), Actor.authenticatedGroups(), decision, comment, reject);
  }

  public void decommission(DelegateTask task) {
    String proposalId = task.getExecution().getProcessBusinessKey();
    String decision = text(task, EnvironmentProcesses.DECISION);
    String comment = text(task, EnvironmentProcesses.COMMENT);

    decommissions.decide(proposalId, Actor.of(task), Actor.authenticatedGroups(), decision, comment);
  }

  private static String text(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? null : value.toString();
  }
}
