package io.changegate.emergency.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CHANGE_TYPE;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;

import io.changegate.change.ChangeType;
import io.changegate.emergency.EmergencyProcess;
import io.changegate.emergency.EmergencyService;
import io.changegate.emergency.EmergencyStartForm;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Register emergency change" ({@link EmergencyService#register}). A change that came through
 * {@code /api/changes} is registered already. One started from Tasklist's start form (members of operations only:
 * an engine authorization) is validated like an API request, stored with its initiator as requester, and its id
 * becomes the business key; an invalid form is refused and nothing is started.
 */
@CallableFromModels
@Component("registerEmergencyChange")
public class RegisterEmergencyChangeDelegate implements JavaDelegate {

  private final EmergencyService emergencies;

  public RegisterEmergencyChangeDelegate(EmergencyService emergencies) {
    this.emergencies = emergencies;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String existing = CHANGE_ID.from(execution);
    boolean called = execution.getSuperExecution() != null;
    String initiator = Actor.authenticated().orElse(null);
    EmergencyStartForm form = existing == null ? startForm(execution) : null;

    EmergencyService.Registration registered = emergencies.register(existing, called, initiator, form);

    if (registered != null) {
      execution.setProcessBusinessKey(registered.changeId());
      CHANGE_ID.set(execution, registered.changeId());
      CHANGE_TYPE.set(execution, ChangeType.EMERGENCY.name());
      CLASSIFICATION_REASON.set(execution, registered.reason());
    }
  }

  private static EmergencyStartForm startForm(DelegateExecution execution) {
    return new EmergencyStartForm(
        EmergencyProcess.TITLE.from(execution),
        EmergencyProcess.SERVICE.from(execution),
        EmergencyProcess.ENVIRONMENT.from(execution),
        EmergencyProcess.ARTIFACT_NAME.from(execution),
        EmergencyProcess.ARTIFACT_VERSION.from(execution),
        EmergencyProcess.ARTIFACT_DIGEST.from(execution),
        EmergencyProcess.IMPACT.from(execution),
        EmergencyProcess.JUSTIFICATION.from(execution),
        EmergencyProcess.INCIDENT_REFERENCE.from(execution),
        EmergencyProcess.TARGETS.from(execution),
        EmergencyProcess.ERROR_RATE_MAX.from(execution),
        EmergencyProcess.LATENCY_P95_MAX_MS.from(execution),
        EmergencyProcess.STABILIZATION_MINUTES.from(execution));
  }
}
