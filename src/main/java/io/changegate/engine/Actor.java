package io.changegate.engine;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is acting in the current engine command: the user the engine authenticated for this request (Tasklist,
 * Cockpit, {@code /engine-rest}); nobody when the engine acts on its own (jobs, Changegate's services). The one
 * place listeners and delegates ask.
 */
public final class Actor {

  /** The actor of commands nobody started: the engine itself, Changegate's services. */
  public static final String SYSTEM = "changegate";

  private Actor() {}

  /** The authenticated user of the current command, if a person started it. */
  public static Optional<String> authenticated() {
    var context = Context.getCommandContext();
    return Optional.ofNullable(context == null ? null : context.getAuthenticatedUserId());
  }

  /** The groups of the authenticated user of the current command (empty when none). */
  public static List<String> authenticatedGroups() {
    var context = Context.getCommandContext();
    Authentication authentication = context == null ? null
        : Context.getProcessEngineConfiguration().getIdentityService().getCurrentAuthentication();
    return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
  }

  /** The person acting on a task: the authenticated user, else its assignee, else the system. */
  public static String of(DelegateTask task) {
    return authenticated().orElseGet(() -> task.getAssignee() != null ? task.getAssignee() : SYSTEM);
  }

  /** The person acting now, or the system. */
  public static String current() {
    return authenticated().orElse(SYSTEM);
  }
}
