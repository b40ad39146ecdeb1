package io.changegate.emergency;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.audit.AuditTrail;
import io.changegate.calendar.CalendarPort;
import io.changegate.calendar.CalendarVerdict;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.engine.CallableFromModels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Record blackout override": an approved emergency deploys at once, even inside a
 * blackout window; the override is recorded with the emergency's justification, on the change and in the
 * audit trail.
 */
@CallableFromModels
@Component("recordBlackoutOverride")
public class BlackoutOverrideDelegate implements JavaDelegate {

  private final CalendarPort calendar;
  private final ChangeService changes;
  private final EmergencyRecords emergencies;
  private final AuditTrail audit;

  public BlackoutOverrideDelegate(CalendarPort calendar, ChangeService changes, EmergencyRecords emergencies,
      AuditTrail audit) {
    this.calendar = calendar;
    this.changes = changes;
    this.emergencies = emergencies;
    this.audit = audit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    Change change = changes.get(changeId);

    CalendarVerdict verdict = calendar.check(changeId, change.service(), change.environment(), Instant.now());
    if (verdict.clear()) {
      return;
    }

    emergencies.blackoutOverridden(changeId, verdict.reason());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("window", verdict.reason());
    details.put("justification", change.emergencyJustification());
    audit.record(ChangeService.SYSTEM_ACTOR, "BLACKOUT_OVERRIDDEN", changeId, details);
  }
}
