package io.changegate.delivery;

import io.changegate.change.ChangeIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * {@code POST /api/improvement-actions}: {@code changeId}*, {@code title}*, {@code owner}* (a user id),
 * {@code dueDate}, {@code source} (POSTMORTEM, POST_IMPLEMENTATION_REVIEW, CHANGE_FEEDBACK, OTHER; default
 * POSTMORTEM), {@code amends}
 * ({@code template:<id>} or {@code runbook:<change id>}). {@code PUT /api/improvement-actions/{id}}: {@code status},
 * {@code owner}, {@code dueDate} (what is absent stays), and when it closes an action that amends something
 * {@code amendment} (the item's text) with {@code section} (for a runbook: {@code preChecks}, {@code steps},
 * {@code postChecks} — the default — or {@code rollbackSteps}).
 */
public record ImprovementActionRequest(
    @Pattern(regexp = ChangeIds.REGEX, message = "must be a change id such as CHG-000042") String changeId,
    @Size(max = 500) String title,
    @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "must be a user id") String owner,
    LocalDate dueDate,
    @Pattern(regexp = "POSTMORTEM|POST_IMPLEMENTATION_REVIEW|CHANGE_FEEDBACK|OTHER",
        message = "must be POSTMORTEM, POST_IMPLEMENTATION_REVIEW, CHANGE_FEEDBACK or OTHER") String source,
    @Size(max = 200) @Pattern(regexp = "(template|runbook):[A-Za-z0-9._-]{1,100}",
        message = "must be template:<id> or runbook:<change id>") String amends,
    @Pattern(regexp = "OPEN|IN_PROGRESS|DONE|DROPPED", message = "must be OPEN, IN_PROGRESS, DONE or DROPPED")
    String status,
    @Size(max = 500) String amendment,
    @Pattern(regexp = "preChecks|steps|postChecks|rollbackSteps",
        message = "must be preChecks, steps, postChecks or rollbackSteps") String section) {

  /** A new action as a form's list gives it. */
  public static ImprovementActionRequest of(String changeId, String title, String owner, LocalDate dueDate,
      String source, String amends) {
    return new ImprovementActionRequest(changeId, title, owner, dueDate, source, amends, null, null, null);
  }
}
