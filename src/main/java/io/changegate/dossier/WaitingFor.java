package io.changegate.dossier;

import java.time.Instant;
import java.util.List;

/**
 * What a change waits for now ({@code waitingFor} of {@code GET /api/changes/{id}}), so that nobody needs Cockpit to
 * know where a change is:
 * <ul>
 *   <li>{@code TASK}: people — {@code tasks} names each open task, the groups (or persons) it is for and its due
 *       date;</li>
 *   <li>{@code ENVIRONMENT_SLOT}: a deployment slot of {@code environment}; {@code blockedBy} names the changes holding
 *       its targets or every slot;</li>
 *   <li>{@code WINDOW}: its planned start or the end of a blackout ({@code until});</li>
 *   <li>{@code INCIDENT}: a step failed after its retries; operations must act ({@code incidents});</li>
 *   <li>{@code SUSPENDED}: an administrator suspended one of its process instances; nothing runs until it is
 *       activated again;</li>
 *   <li>{@code CHANGEGATE}: Changegate itself is working (deploying, validating, rolling back);</li>
 *   <li>{@code NOTHING}: the change has ended.</li>
 * </ul>
 * {@code summary} says it in one sentence.
 */
public record WaitingFor(Kind kind, String summary, List<OpenTask> tasks, String environment,
    List<String> blockedBy, Instant since, Instant until, List<StuckStep> incidents) {

  public enum Kind { TASK, ENVIRONMENT_SLOT, WINDOW, INCIDENT, SUSPENDED, CHANGEGATE, NOTHING }

  /** An open user task of the change; {@code groups}/{@code users}: whom it is for as the model created it. */
  public record OpenTask(String taskId, String name, String processKey, String processInstanceId, List<String> groups,
      List<String> users, String assignee, Instant created, Instant due) {}

  /** A step that failed after its retries: an incident in the engine. */
  public record StuckStep(String activity, String message, Instant since, String processInstanceId) {}

  static WaitingFor nothing(String summary) {
    return new WaitingFor(Kind.NOTHING, summary, List.of(), null, List.of(), null, null, List.of());
  }
}
