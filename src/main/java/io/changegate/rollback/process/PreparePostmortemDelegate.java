package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.REQUESTER;
import static io.changegate.rollback.RollbackProcess.POSTMORTEM_TIMELINE;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_SUMMARY;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.Postmortem;
import io.changegate.rollback.PostmortemService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Prepare postmortem": the form starts with the change's timeline. */

@CallableFromModels
@Component("preparePostmortem")
public class PreparePostmortemDelegate implements JavaDelegate {

  private final PostmortemService postmortems;

  public PreparePostmortemDelegate(PostmortemService postmortems) {
    this.postmortems = postmortems;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    Postmortem postmortem = postmortems.postmortem(changeId);

    POSTMORTEM_TIMELINE.set(execution, postmortem.timeline());
    ROLLBACK_SUMMARY.set(execution, postmortem.summary());
    REQUESTER.set(execution, postmortem.requester());
  }
}
