package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.rehearsal.RehearsalService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of "Rehearse the rollback in staging" (normal-change): refused while the digest has no passed
 * rehearsal in the environment before production ({@code ${rehearsalTasks.requireRehearsed(task)}}).
 */
@CallableFromModels
@Component("rehearsalTasks")
public class RehearsalTasks {

  private final RehearsalService rehearsals;

  public RehearsalTasks(RehearsalService rehearsals) {
    this.rehearsals = rehearsals;
  }

  public void requireRehearsed(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);

    rehearsals.requireRehearsed(changeId);
  }
}
