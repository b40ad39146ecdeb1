package io.changegate.oversight;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Records what people did to a change's process instances by hand (docs/administrator-interventions.md): one
 * {@code AuditAction.INTERVENTION} entry in the audit trail per change and operation — the change's timeline — with who, what
 * and the reason; marks the change {@code governanceOverridden} when the operation skipped an approval or altered
 * the flow; and records an annotation given later ({@code AuditAction.INTERVENTION_ANNOTATED}). Called inside the engine's
 * transaction, so the record commits or rolls back with the intervention.
 */
@Service
public class InterventionService {

  /** The reason recorded when the engine's API had no place for one and none was given. */
  public static final String NO_REASON = "no reason given";

  private final AuditTrail audit;
  private final ChangeRepository changes;
  private final InterventionIndex index;
  private final Clock clock;

  InterventionService(AuditTrail audit, ChangeRepository changes, InterventionIndex index, Clock clock) {
    this.audit = audit;
    this.changes = changes;
    this.index = index;
    this.clock = clock;
  }

  void record(List<Intervention> interventions) {
    for (Intervention intervention : interventions) {
      String changeId = intervention.businessKey() != null && changes.find(intervention.businessKey()).isPresent()
          ? intervention.businessKey() : null;
      boolean overrides = changeId != null && intervention.overridesGovernance();
      audit.record(intervention.actor(), AuditAction.INTERVENTION, changeId, details(intervention, changeId, overrides));
      if (overrides) {
        changes.markGovernanceOverridden(changeId, clock.instant());
      }
      for (String operationId : intervention.operationIds()) {
        index.add(new InterventionIndex.Entry(operationId, changeId, intervention.operations().get(0)));
      }
    }
  }

  /**
   * The reason of an earlier intervention was given later ({@code set-annotation}) or cleared: recorded on every
   * change that intervention touched. The annotation itself is read when the transaction commits, once the engine
   * has written it. Annotations of operations that were no intervention (a task claimed) are the engine's alone.
   */
  void annotated(String actor, String operationId, boolean cleared) {
    for (InterventionIndex.Entry entry : index.of(operationId)) {
      audit.recordAtCommit(actor, AuditAction.INTERVENTION_ANNOTATED, entry.changeId(), () -> {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("operationId", operationId);
        details.put("operation", entry.operation());
        details.put("reason", cleared ? null : index.annotationOf(operationId).orElse(null));
        details.put("cleared", cleared);
        return details;
      });
    }
  }

  private static Map<String, Object> details(Intervention i, String changeId, boolean overrides) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operation", i.operations().get(0));
    if (i.operations().size() > 1) {
      details.put("operations", i.operations());
    }
    details.put("reason", i.annotation() == null ? NO_REASON : i.annotation());
    details.put("reasonGiven", i.annotation() != null);
    details.put("overridesGovernance", overrides);
    if (changeId == null && i.businessKey() != null) {
      details.put("businessKey", i.businessKey());
    }
    putIfAny(details, "operationIds", i.operationIds());
    putIfAny(details, "processInstances", i.processInstances());
    putIfAny(details, "activitiesCancelled", i.activitiesCancelled());
    putIfAny(details, "activitiesStarted", i.activitiesStarted());
    putIfAny(details, "variables", i.variables());
    putIfAny(details, "properties", i.properties());
    putIfAny(details, "jobs", i.jobs());
    putIfAny(details, "tasks", i.tasks());
    putIfAny(details, "batches", i.batches());
    return details;
  }

  private static void putIfAny(Map<String, Object> details, String key, List<?> values) {
    if (!values.isEmpty()) {
      details.put(key, values);
    }
  }
}
