package io.changegate.calendar;

import io.changegate.change.ChangeRequest;
import io.changegate.change.IntakeRule;
import io.changegate.change.Names;
import io.changegate.web.FieldError;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * At intake: a change to a service that requires a version of another ({@code "payments-api" depends on
 * {@code "stripe-api >= 2.3"}) is answered {@code 400} unless what runs in the change's environment meets it. What
 * runs is what Changegate last deployed there: the newest completed change of that service in that environment
 * ({@link ServiceDependencies#running}). Nothing recorded counts as unmet: a required version nobody can show is not
 * assumed. Checked at submission, where the requester can act on it, before anything is stored or approved.
 */
@Component
class VersionConstraintRule implements IntakeRule {

  private final ServiceDependencies dependencies;

  VersionConstraintRule(ServiceDependencies dependencies) {
    this.dependencies = dependencies;
  }

  @Override
  public void check(ChangeRequest request, List<FieldError> errors) {
    if (request.service() == null || !request.service().matches(Names.PATTERN)) {
      return;
    }
    for (ServiceDependencies.Requirement requirement : dependencies.requirements(request.service())) {
      if (requirement.minVersion() == null) {
        continue;
      }
      Optional<String[]> running = dependencies.running(requirement.service(), request.environment());
      if (running.isEmpty()) {
        errors.add(new FieldError("service", request.service() + " requires " + requirement.declared() + ", and no"
            + " completed deployment of " + requirement.service() + " to " + request.environment()
            + " is recorded: deploy it there first"));
      } else if (!Versions.atLeast(running.get()[0], requirement.minVersion())) {
        errors.add(new FieldError("service", request.service() + " requires " + requirement.declared() + ", but "
            + request.environment() + " runs " + requirement.service() + " " + running.get()[0] + " ("
            + running.get()[1] + ")"));
      }
    }
  }
}
