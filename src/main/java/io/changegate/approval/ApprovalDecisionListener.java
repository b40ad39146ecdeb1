package io.changegate.approval;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.engine.CallableFromModels;
import io.changegate.audit.AuditTrail;
import io.changegate.engine.Actor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import io.changegate.engine.GovernanceRefusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of every approval task: the decision must be one the step allows and a rejection
 * needs a comment. Runs inside the engine, so Tasklist and {@code /engine-rest} are held to the same
 * rule; a refusal leaves the task open and nothing changed. The decision is the completing call's own
 * {@code decision} and {@code comment} (the form's inputs; the engine refuses any other variable on completion), and
 * it is recorded once, in the same transaction, on the change the instance belongs to (its business key): in the
 * task records, where the later rules read it, and in the audit trail, with the group the task was created for.
 *
 * <p>In the diagram: {@code ${approvalDecision.check(task, 'APPROVE,REJECT')}} narrows the decisions
 * a step offers; as a plain task listener it accepts all three.
 */
@CallableFromModels
@Component("approvalDecision")
public class ApprovalDecisionListener implements TaskListener {

  private final AuditTrail audit;
  private final TaskRecords records;

  public ApprovalDecisionListener(AuditTrail audit, TaskRecords records) {
    this.audit = audit;
    this.records = records;
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
    Decision decision = Decision.valueOf(value);
    if (decision == Decision.REJECT && (comment == null || comment.isBlank())) {
      throw new GovernanceRefusal("A rejection needs a comment that says why (variable 'comment')");
    }

    String changeId = CHANGE_ID.required(task);
    String group = records.find(task.getId()).map(TaskRecords.TaskRecord::groupLabel).orElse("");
    records.decided(task.getId(), decision, comment == null ? "" : comment);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task.getName());
    details.put("step", task.getTaskDefinitionKey());
    details.put("group", group);
    details.put("decision", value);
    details.put("comment", comment == null ? "" : comment);
    audit.record(Actor.of(task), "DECISION", changeId, details);
  }
}
