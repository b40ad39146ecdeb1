package io.changegate.monitoring;

import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Runs a validation round for a change and records every check with its measured value. */
@Service
public class ValidationService {

  private final ChangeRepository changes;
  private final ValidationPort validation;
  private final AuditTrail audit;

  public ValidationService(ChangeRepository changes, ValidationPort validation, AuditTrail audit) {
    this.changes = changes;
    this.validation = validation;
    this.audit = audit;
  }

  public ValidationReport validateChange(String changeId) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    ValidationReport report = validation.validate(new ValidationRequest(change.id(), change.service(),
        change.environment(), change.artifact() == null ? null : change.artifact().version(), change.validation()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("passed", report.passed());
    details.put("checks", report.checks());
    audit.record("changegate", report.passed() ? "VALIDATED" : "VALIDATION_FAILED", changeId, details);
    return report;
  }
}
