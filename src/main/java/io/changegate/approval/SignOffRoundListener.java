package io.changegate.approval;

import static io.changegate.approval.ReviewProcess.SIGN_OFF_ASKED_BY;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_COMMENT;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_DECISION;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_GROUPS;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_GROUP;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import io.changegate.engine.CallableFromModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Opens and closes a sign-off round ({@code sign-off}) on the change's timeline: which groups the table
 * required, and how the round ended — every group approved, or who rejected or asked for changes and which
 * sign-offs were cancelled with it. No group required means nothing to sign: the round passes.
 */
@CallableFromModels
@Component("signOffRound")
public class SignOffRoundListener {

  static final String REQUIRED = "SIGN_OFFS_REQUIRED";
  static final String ENDED = "SIGN_OFF_ROUND_ENDED";

  private final AuditTrail audit;

  public SignOffRoundListener(AuditTrail audit) {
    this.audit = audit;
  }

  public void open(DelegateExecution execution) {
    SIGN_OFF_DECISION.set(execution, Decision.APPROVE.name());
    SIGN_OFF_COMMENT.set(execution, "");
    SIGN_OFF_ASKED_BY.set(execution, "");
  }

  public void decided(DelegateExecution execution) {
    List<String> groups = SIGN_OFF_GROUPS.required(execution);
    audit.record(ChangeService.SYSTEM_ACTOR, REQUIRED, CHANGE_ID.required(execution),
        Map.of("groups", groups, "decision", ReviewProcess.REQUIRED_SIGN_OFFS_DECISION));
  }

  /**
   * End of one group's sign-off, after its decision was committed: the group's {@code decision} and
   * {@code comment} are local to its instance; a decision other than APPROVE becomes the round's outcome
   * (the completion condition then cancels the sign-offs still open). Runs in the asynchronous continuation,
   * so parallel sign-offs never write the round's variables concurrently.
   */
  public void groupDecided(DelegateExecution execution) {
    String decision = DECISION.required(execution);
    if (!Decision.APPROVE.name().equals(decision)) {
      SIGN_OFF_DECISION.set(execution, decision);
      String comment = COMMENT.from(execution);
      SIGN_OFF_COMMENT.set(execution, comment == null ? "" : comment);
      SIGN_OFF_ASKED_BY.set(execution, SIGN_OFF_GROUP.required(execution));
    }
  }

  public void close(DelegateExecution execution) {
    String outcome = SIGN_OFF_DECISION.required(execution);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", outcome);
    details.put("groups", SIGN_OFF_GROUPS.required(execution));
    if (!Decision.APPROVE.name().equals(outcome)) {
      details.put("decidedBy", SIGN_OFF_ASKED_BY.from(execution));
      details.put("comment", SIGN_OFF_COMMENT.from(execution));
      details.put("cancelled", execution.getProcessEngineServices().getHistoryService()
          .createHistoricTaskInstanceQuery()
          .processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(ReviewProcess.TASK_SIGN_OFF)
          .unfinished() // as stored before this transaction, which cancels them
          .list().stream()
          .map(HistoricTaskInstance::getName).sorted().toList());
    }
    audit.record(ChangeService.SYSTEM_ACTOR, ENDED, CHANGE_ID.required(execution), details);
  }
}
