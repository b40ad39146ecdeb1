package io.changegate.approval;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.audit.AuditTrail;
import io.changegate.engine.CallableFromModels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import io.changegate.engine.GovernanceRefusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every approval task: the decision must be one the step allows and a rejection
 * needs a comment. Runs inside the engine, so Tasklist and {@code /engine-rest} are held to the same
 * rule; a refusal leaves the task open and nothing changed. The decision is recorded in the audit trail
 * in the same transaction.
 *
 * <p>In the diagram: {@code ${approvalDecision.check(task, 'APPROVE,REJECT')}} narrows the decisions
 * a step offers; as a plain task listener it accepts all three.
 */
@CallableFromModels
@Component("approvalDecision")
public class ApprovalDecisionListener implements TaskListener {

  private final AuditTrail audit;

  public ApprovalDecisionListener(AuditTrail audit) {
    this.audit = audit;
  }

  @Override
  public void notify(DelegateTask task) {
    check(task, null);
  }

  /**
   * Create listener: an earlier step's {@code decision} and {@code comment} must not count for this one
   * (nor prefill its form), so each review starts without them.
   */
  public void reset(DelegateTask task) {
    task.getExecution().removeVariable(DECISION.name());
    task.getExecution().removeVariable(COMMENT.name());
  }

  public void check(DelegateTask task, String allowed) {
    String value = DECISION.from(task);
    String comment = COMMENT.from(task);
    String offered = allowed == null
        ? Arrays.stream(Decision.values()).map(Enum::name).collect(Collectors.joining(", ")) : allowed;
    if (value == null || Arrays.stream(offered.split(",")).map(String::strip).noneMatch(value::equals)) {
      throw new GovernanceRefusal("'" + task.getName() + "' needs a decision: one of " + offered
          + " (variable 'decision')");
    }
    if (Decision.valueOf(value) == Decision.REJECT && (comment == null || comment.isBlank())) {
      throw new GovernanceRefusal("A rejection needs a comment that says why (variable 'comment')");
    }

    String actor = currentUser(task);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task.getName());
    details.put("step", task.getTaskDefinitionKey());
    details.put("group", candidateGroups(task));
    details.put("decision", value);
    details.put("comment", comment == null ? "" : comment);
    audit.record(actor, "DECISION", CHANGE_ID.required(task), details);
  }

  /** The user completing the task (engine authentication), or its assignee when there is none. */
  static String currentUser(DelegateTask task) {
    var commandContext = Context.getCommandContext();
    String user = commandContext == null ? null : commandContext.getAuthenticatedUserId();
    if (user == null) {
      user = task.getAssignee();
    }
    return user == null ? "unknown" : user;
  }

  static String candidateGroups(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> link.getGroupId())
        .sorted()
        .collect(Collectors.joining(","));
  }
}
