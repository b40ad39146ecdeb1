package io.changegate.refresh;

import io.changegate.change.ChangeRequest;
import io.changegate.change.IntakeRule;
import io.changegate.web.FieldError;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * At intake: a change with the template {@code environment-refresh} must aim at an environment that may be refreshed
 * ({@link RefreshTargets#refusal}); a production target, a production-grade classification, an environment without
 * a verification data source is answered {@code 400} and nothing is stored.
 */
@Component
class RefreshIntakeRule implements IntakeRule {

  private final RefreshTargets targets;

  RefreshIntakeRule(RefreshTargets targets) {
    this.targets = targets;
  }

  @Override
  public void check(ChangeRequest request, List<FieldError> errors) {
    if (!targets.template().equals(request.standardChangeTemplate())) {
      return;
    }
    targets.refusal(request.environment()).ifPresent(reason -> errors.add(new FieldError("environment",
        "cannot be refreshed: " + reason)));
  }
}
