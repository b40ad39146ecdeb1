package io.changegate.approval.process;

import static io.changegate.approval.ReviewProcess.SIGN_OFF_ASKED_BY;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_COMMENT;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_DECISION;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_GROUP;
import static io.changegate.approval.ReviewProcess.SIGN_OFF_GROUPS;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.approval.ReviewProcess;
import io.changegate.approval.SignOffRounds;
import io.changegate.engine.CallableFromModels;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Opens and closes a sign-off round ({@code sign-off}) on the change's timeline ({@link SignOffRounds}): which groups
 * the table required, and how the round ended — every group approved, or who rejected or asked for changes and which
 * sign-offs were cancelled with it. No group required means nothing to sign: the round passes.
 */
@CallableFromModels
@Component("signOffRound")
public class SignOffRoundListener {

  private final SignOffRounds rounds;

  public SignOffRoundListener(SignOffRounds rounds) {
    this.rounds = rounds;
  }

  public void open(DelegateExecution execution) {
    write(execution, rounds.opened());
  }

  public void decided(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    List<String> groups = SIGN_OFF_GROUPS.required(execution);

    List<String> signing = rounds.required(changeId, groups);

    SIGN_OFF_GROUPS.set(execution, signing);
  }

  /**
   * End of one group's sign-off, after its decision was committed: the group's {@code decision} and
   * {@code comment} are local to its instance; a decision other than APPROVE becomes the round's outcome
   * (the completion condition then cancels the sign-offs still open). Runs in the asynchronous continuation,
   * so parallel sign-offs never write the round's variables concurrently.
   */
  public void groupDecided(DelegateExecution execution) {
    String decision = DECISION.required(execution);
    String comment = COMMENT.from(execution);
    String group = SIGN_OFF_GROUP.required(execution);

    Optional<SignOffRounds.Outcome> outcome = rounds.afterGroupDecision(decision, comment, group);

    outcome.ifPresent(decided -> write(execution, decided));
  }

  public void close(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    SignOffRounds.Outcome outcome = new SignOffRounds.Outcome(SIGN_OFF_DECISION.required(execution),
        SIGN_OFF_COMMENT.from(execution), SIGN_OFF_ASKED_BY.from(execution));
    List<String> groups = SIGN_OFF_GROUPS.required(execution);
    List<String> cancelled = execution.getProcessEngineServices().getHistoryService()
        .createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(ReviewProcess.TASK_SIGN_OFF)
        .unfinished() // as stored before this transaction, which cancels them
        .list().stream()
        .map(HistoricTaskInstance::getName).toList();

    rounds.ended(changeId, outcome, groups, cancelled);
  }

  private static void write(DelegateExecution execution, SignOffRounds.Outcome outcome) {
    SIGN_OFF_DECISION.set(execution, outcome.decision());
    SIGN_OFF_COMMENT.set(execution, outcome.comment());
    SIGN_OFF_ASKED_BY.set(execution, outcome.askedBy());
  }
}
