package io.changegate.emergency;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;

import io.changegate.engine.Actor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * The post-implementation review of an emergency change. On create it puts the change's timeline on the
 * task (a read-only table on the form); on complete it requires a verdict — ACCEPTED, or
 * SHOULD_HAVE_BEEN_NORMAL with a comment that says why, which counts as an abuse of the emergency path.
 */
@CallableFromModels
@Component("postImplementationReview")
public class PostImplementationReviewListener {

  private final AuditTrail audit;
  private final EmergencyRecords emergencies;
  private final ObjectMapper json;

  public PostImplementationReviewListener(AuditTrail audit, EmergencyRecords emergencies, ObjectMapper json) {
    this.audit = audit;
    this.emergencies = emergencies;
    this.json = json;
  }

  /** Task listener "create": a clean verdict and comment, and the timeline to read. */
  public void prepare(DelegateTask task) {
    task.getExecution().removeVariable(EmergencyProcess.PIR_VERDICT.name());
    task.getExecution().removeVariable(COMMENT.name());
    List<Map<String, Object>> rows = audit.entriesOf(CHANGE_ID.required(task)).stream().map(this::row).toList();
    try {
      task.setVariableLocal(EmergencyProcess.TIMELINE, SpinValues.jsonValue(json.writeValueAsString(rows)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("timeline is not JSON-serialisable", e);
    }
  }

  /** Task listener "complete". */
  public void record(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    String value = EmergencyProcess.PIR_VERDICT.from(task);
    String comment = COMMENT.from(task);
    PirVerdict verdict;
    try {
      verdict = PirVerdict.valueOf(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new GovernanceRefusal("The review needs a verdict (variable 'pirVerdict'): ACCEPTED or "
          + "SHOULD_HAVE_BEEN_NORMAL");
    }
    if (verdict == PirVerdict.SHOULD_HAVE_BEEN_NORMAL && (comment == null || comment.isBlank())) {
      throw new GovernanceRefusal("Say why it should have been a normal change (variable 'comment')");
    }
    String reviewer = Actor.of(task);

    emergencies.reviewed(changeId, verdict, reviewer, comment);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("verdict", verdict.name());
    details.put("comment", comment == null ? "" : comment);
    audit.record(reviewer, "PIR_RECORDED", changeId, details);
  }

  private Map<String, Object> row(AuditEntry entry) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("time", entry.occurredAt().toString());
    row.put("event", entry.action());
    row.put("actor", entry.actor());
    return row;
  }
}
