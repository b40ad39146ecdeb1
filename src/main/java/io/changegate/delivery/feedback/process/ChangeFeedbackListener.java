package io.changegate.delivery.feedback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.delivery.feedback.FeedbackProcess;
import io.changegate.delivery.feedback.FeedbackService;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code change-feedback}, for the diagram: who the survey is for, when the window ends, the answer
 * and the expiry (the usage is measured by {@link MeasureUsageDelegate}). The change id comes from the business key;
 * each method calls the service once.
 */
@CallableFromModels
@Component("changeFeedback")
public class ChangeFeedbackListener {

  private final FeedbackService feedback;

  public ChangeFeedbackListener(FeedbackService feedback) {
    this.feedback = feedback;
  }

  /** {@code camunda:candidateUsers}: the change's requester. */
  public String requester(DelegateExecution execution) {
    return feedback.requester(CHANGE_ID.required(execution));
  }

  /** {@code camunda:candidateGroups}: the groups that approved the change (none for a standard change). */
  public List<String> groups(DelegateExecution execution) {
    return feedback.stakeholderGroups(CHANGE_ID.required(execution));
  }

  /** The end of the feedback window: the task's due date and both timers. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(feedback.dueAt(CHANGE_ID.required(execution)));
  }

  /** Task listener "complete": the answer of the form. */
  public void answered(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    String rating = FeedbackProcess.RATING.from(task);
    String comment = FeedbackProcess.COMMENT.from(task);
    String actions = FeedbackProcess.ACTIONS.from(task);

    feedback.answer(changeId, rating, comment, actions, Actor.of(task));
  }

  /** The window ended before anyone answered. */
  public void expire(DelegateExecution execution) {
    feedback.expire(CHANGE_ID.required(execution));
  }
}
