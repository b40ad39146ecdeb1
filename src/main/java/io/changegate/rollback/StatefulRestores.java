package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import io.changegate.change.StatefulStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stateful components of a rollback: the runbook's sections for databases, message queues and caches, restored by
 * operations to their checkpoints one after the other, in the runbook's order, after the targets are rolled back.
 */
@Service
public class StatefulRestores {

  /** The {@code position}-th of {@code of} sections (from 1). */
  public record Step(StatefulStep section, int position, int of) {

    public String positionText() {
      return position + " of " + of;
    }
  }

  private final ChangeService changes;
  private final AuditTrail audit;

  public StatefulRestores(ChangeService changes, AuditTrail audit) {
    this.changes = changes;
    this.audit = audit;
  }

  /** The {@code index}-th section (from 0) of the change's runbook. */
  public Step step(String changeId, int index) {
    List<StatefulStep> sections = changes.runbook(changeId).runbook().stateful();
    return new Step(sections.get(index), index + 1, sections.size());
  }

  /** Operations restored the section: who, what they did, with the section as the runbook has it. */
  @Transactional
  public void restored(String changeId, int index, String actor, String comment) {
    Step step = step(changeId, index);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("position", step.positionText());
    details.put("kind", step.section().kind().name());
    details.put("component", step.section().name());
    details.put("checkpoint", step.section().checkpoint().name());
    details.put("comment", comment);
    audit.record(actor, AuditAction.STATEFUL_COMPONENT_RESTORED, changeId, details);
  }
}
