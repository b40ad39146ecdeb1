package io.changegate.emergency.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.emergency.EmergencyProcess;
import io.changegate.emergency.EmergencyService;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * The post-implementation review of an emergency change. On create it puts the change's timeline on the
 * task (a read-only table on the form); on complete it requires a verdict — ACCEPTED, or
 * SHOULD_HAVE_BEEN_NORMAL with a comment that says why, which counts as an abuse of the emergency path
 * ({@link EmergencyService#recordReview}).
 */
@CallableFromModels
@Component("postImplementationReview")
public class PostImplementationReviewListener {

  private final EmergencyService emergencies;
  private final ObjectMapper json;

  public PostImplementationReviewListener(EmergencyService emergencies, ObjectMapper json) {
    this.emergencies = emergencies;
    this.json = json;
  }

  /** Task listener "create": a clean verdict and comment, and the timeline to read. */
  public void prepare(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);

    List<EmergencyService.TimelineRow> timeline = emergencies.timeline(changeId);

    task.getExecution().removeVariable(EmergencyProcess.PIR_VERDICT.name());
    task.getExecution().removeVariable(COMMENT.name());
    try {
      task.setVariableLocal(EmergencyProcess.TIMELINE,
          SpinValues.jsonValue(json.writeValueAsString(timeline)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("timeline is not JSON-serialisable", e);
    }
  }

  /** Task listener "complete". */
  public void record(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    String verdict = EmergencyProcess.PIR_VERDICT.from(task);
    String comment = COMMENT.from(task);

    emergencies.recordReview(changeId, verdict, comment, Actor.of(task));
  }
}
