package io.changegate.emergency;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CHANGE_TYPE;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;

import io.changegate.engine.Actor;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeRequest;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeType;
import io.changegate.change.InvalidRequestException;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Register emergency change". A change that came through {@code /api/changes} is
 * registered already. One started from Tasklist's start form (members of operations only: an engine
 * authorization) is validated like an API request, stored with its initiator as requester, and its id
 * becomes the business key; an invalid form is refused and nothing is started.
 */
@CallableFromModels
@Component("registerEmergencyChange")
public class RegisterEmergencyChangeDelegate implements JavaDelegate {

  private final ChangeService changes;
  private final EmergencyRecords emergencies;
  private final DeploymentAdapters adapters;

  public RegisterEmergencyChangeDelegate(ChangeService changes, EmergencyRecords emergencies,
      DeploymentAdapters adapters) {
    this.changes = changes;
    this.emergencies = emergencies;
    this.adapters = adapters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String existing = CHANGE_ID.from(execution);
    if (existing != null && execution.getSuperExecution() == null) {
      throw new GovernanceRefusal("An emergency change started in Tasklist gets its id from Changegate: "
          + "start it without a business key");
    }
    if (existing != null) {
      emergencies.ensure(existing, changes.get(existing).requester(), null, "API");
      return;
    }
    String initiator = Actor.authenticated().orElse(null);
    if (initiator == null) {
      throw new GovernanceRefusal("An emergency change must be started by an authenticated member of operations");
    }
    ChangeRequest request = fromStartForm(execution);
    String reason = "Started as an emergency from Tasklist by " + initiator + " (operations)";

    Change change;
    try {
      change = changes.registerStarted(request, initiator, ChangeType.EMERGENCY, reason);
    } catch (InvalidRequestException invalid) {
      throw new GovernanceRefusal(invalid.getMessage() + ": " + invalid.errors().stream()
          .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    }
    emergencies.ensure(change.id(), initiator, blankToNull(EmergencyProcess.INCIDENT_REFERENCE.from(execution)),
        "TASKLIST");

    execution.setProcessBusinessKey(change.id());
    CHANGE_ID.set(execution, change.id());
    CHANGE_TYPE.set(execution, ChangeType.EMERGENCY.name());
    CLASSIFICATION_REASON.set(execution, reason);
  }

  private ChangeRequest fromStartForm(DelegateExecution execution) {
    String service = EmergencyProcess.SERVICE.from(execution);
    String targetNames = EmergencyProcess.TARGETS.from(execution);
    List<Target> targets = targetNames == null || targetNames.isBlank() ? null
        : Arrays.stream(targetNames.split(",")).map(String::strip).filter(n -> !n.isEmpty())
            .map(n -> new Target(adapters.defaultAdapter(), n)).toList();
    String name = EmergencyProcess.ARTIFACT_NAME.from(execution);
    String version = EmergencyProcess.ARTIFACT_VERSION.from(execution);
    Artifact artifact = name == null && version == null ? null
        : new Artifact(name, version, blankToNull(EmergencyProcess.ARTIFACT_DIGEST.from(execution)));
    Number errorRate = EmergencyProcess.ERROR_RATE_MAX.from(execution);
    Number latency = EmergencyProcess.LATENCY_P95_MAX_MS.from(execution);
    Number stabilization = EmergencyProcess.STABILIZATION_MINUTES.from(execution);
    ValidationSpec validation = errorRate == null && latency == null && stabilization == null ? null
        : new ValidationSpec(errorRate == null ? null : errorRate.doubleValue(),
            latency == null ? null : latency.intValue(),
            stabilization == null ? null : stabilization.intValue(), null);
    return new ChangeRequest(EmergencyProcess.TITLE.from(execution), null, service,
        EmergencyProcess.ENVIRONMENT.from(execution), artifact, EmergencyProcess.IMPACT.from(execution), "HIGH",
        false, false, null, true, EmergencyProcess.JUSTIFICATION.from(execution), null, null, targets, null,
        validation, false, null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

}
