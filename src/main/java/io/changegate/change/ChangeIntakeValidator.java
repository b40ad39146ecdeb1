package io.changegate.change;

import io.changegate.web.DateRange;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Everything that is wrong with a change request, in one list: field constraints, and the rules that
 * span fields or need the catalog (an emergency needs a justification, the template must exist, the
 * adapters must be configured, the planned window must not end before it starts).
 */
@Component
class ChangeIntakeValidator {

  /** How far a pipeline's clock may run ahead of Changegate's before its commit time counts as in the future. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final Validator validator;
  private final StandardTemplates catalog;
  private final TargetAdapters adapters;
  private final Clock clock;
  private final EnvironmentCatalog environments;
  private final List<IntakeRule> rules;
  private final FlagProviders flagProviders;

  ChangeIntakeValidator(Validator validator, StandardTemplates catalog, TargetAdapters adapters, Clock clock,
      EnvironmentCatalog environments, FlagProviders flagProviders, List<IntakeRule> rules) {
    this.rules = List.copyOf(rules);
    this.flagProviders = flagProviders;
    this.validator = validator;
    this.catalog = catalog;
    this.adapters = adapters;
    this.clock = clock;
    this.environments = environments;
  }

  /** An amendment (rework task): the same limits as at intake; every error at once. */
  void checkAmendment(String description, String rollbackPlan, Runbook runbook) {
    List<FieldError> errors = new ArrayList<>();
    if (description != null && description.length() > 4000) {
      errors.add(new FieldError("description", "size must be between 0 and 4000"));
    }
    if (rollbackPlan != null && rollbackPlan.length() > 8000) {
      errors.add(new FieldError("rollbackPlan", "size must be between 0 and 8000"));
    }
    for (ConstraintViolation<Runbook> violation : validator.validate(runbook)) {
      errors.add(new FieldError("runbook." + violation.getPropertyPath(), violation.getMessage()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid amendment", errors);
    }
  }

  void check(ChangeRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<ChangeRequest> violation : validator.validate(request)) {
      errors.add(new FieldError(fieldName(violation), violation.getMessage()));
    }
    if (request.isEmergency() && isBlank(request.emergencyJustification())) {
      errors.add(new FieldError("emergencyJustification", "is required for an emergency change"));
    }
    if (request.standardChangeTemplate() != null && !catalog.ids().contains(request.standardChangeTemplate())) {
      errors.add(new FieldError("standardChangeTemplate", "unknown template '" + request.standardChangeTemplate()
          + "' (known: " + String.join(", ", catalog.ids())
          + ")"));
    }
    if (request.plannedStart() != null && request.plannedEnd() != null
        && !request.plannedEnd().isAfter(request.plannedStart())) {
      errors.add(new FieldError("plannedEnd", "must be after plannedStart"));
    }
    if (request.commit() != null && request.commit().time() != null) {
      Instant committed = request.commit().time().toInstant();
      if (committed.isAfter(clock.instant().plus(CLOCK_SKEW))) {
        errors.add(new FieldError("commit.time", "must not be in the future"));
      } else if (!DateRange.contains(committed)) {
        errors.add(new FieldError("commit.time", DateRange.MESSAGE));
      }
    }
    if (request.targets() != null) {
      for (int i = 0; i < request.targets().size(); i++) {
        Target target = request.targets().get(i);
        if (target != null && target.adapter() != null && target.adapter().matches("[a-z][a-z0-9-]{0,29}")
            && !adapters.names().contains(target.adapter())) {
          errors.add(new FieldError("targets[" + i + "].adapter", "unknown adapter '" + target.adapter()
              + "' (configured: " + String.join(", ", adapters.names()) + ")"));
        }
        if (target != null && target.migration() != null && target.migration().adapter() != null
            && target.migration().adapter().matches("[a-z][a-z0-9-]{0,29}")
            && !adapters.names().contains(target.migration().adapter())) {
          errors.add(new FieldError("targets[" + i + "].migration.adapter", "unknown adapter '"
              + target.migration().adapter() + "' (configured: " + String.join(", ", adapters.names()) + ")"));
        }
      }
    }
    checkEnvironment(request, errors);
    checkFlagRollout(request.flagRollout(), errors);
    if (errors.isEmpty()) {
      // the other capabilities' rules read the catalog and the records: only for a request valid so far
      for (IntakeRule rule : rules) {
        rule.check(request, errors);
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
      throw new InvalidRequestException("The change request has " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
  }

  /** Stages rise strictly (each above the one before; the field constraints keep them within 1-100); a known provider. */
  private void checkFlagRollout(FlagRollout rollout, List<FieldError> errors) {
    if (rollout == null) {
      return;
    }
    if (rollout.stages() != null) {
      Integer before = null;
      for (int i = 0; i < rollout.stages().size(); i++) {
        FlagStage stage = rollout.stages().get(i);
        if (stage == null || stage.percent() == null) {
          continue;
        }
        if (before != null && stage.percent() <= before) {
          errors.add(new FieldError("flagRollout.stages[" + i + "].percent", "must be above the stage before ("
              + before + "): stages rise strictly"));
        }
        before = stage.percent();
      }
    }
    if (rollout.provider() != null && rollout.provider().matches("[a-z][a-z0-9-]{0,29}")
        && !flagProviders.names().contains(rollout.provider())) {
      errors.add(new FieldError("flagRollout.provider", "unknown flag provider '" + rollout.provider()
          + "' (configured: " + String.join(", ", new java.util.TreeSet<>(flagProviders.names())) + ")"));
    } else if (rollout.provider() == null && !flagProviders.names().contains(flagProviders.defaultProvider())) {
      errors.add(new FieldError("flagRollout.provider", "no provider named, and the default '"
          + flagProviders.defaultProvider() + "' is not configured here (configured: "
          + String.join(", ", new java.util.TreeSet<>(flagProviders.names())) + "; the sandbox only in the demo)"));
    }
  }

  /**
   * The environment must be in the catalog, and every adapter the change would use there (a target's, its
   * migration's, or the default for a target naming none) must be one the environment allows.
   */
  private void checkEnvironment(ChangeRequest request, List<FieldError> errors) {
    if (request.environment() == null || !request.environment().matches(Names.PATTERN)) {
      return; // reported by the field constraint
    }
    Optional<EnvironmentFacts> found = environments.find(request.environment());
    if (found.isEmpty()) {
      errors.add(new FieldError("environment", "unknown environment '" + request.environment()
          + "' (the environment catalog has: " + String.join(", ", environments.all().stream()
              .map(EnvironmentFacts::name).toList()) + ")"));
      return;
    }
    EnvironmentFacts environment = found.get();
    if (request.targets() == null || request.targets().isEmpty()) {
      allowed(environment, environment.adapterFor(adapters.defaultAdapter()), "targets", errors);
      return;
    }
    for (int i = 0; i < request.targets().size(); i++) {
      Target target = request.targets().get(i);
      if (target == null) {
        continue;
      }
      allowed(environment, target.adapter(), "targets[" + i + "].adapter", errors);
      if (target.migration() != null) {
        allowed(environment, target.migration().adapter(), "targets[" + i + "].migration.adapter", errors);
      }
    }
  }

  private void allowed(EnvironmentFacts environment, String adapter, String field, List<FieldError> errors) {
    if (adapter != null && adapters.names().contains(adapter) && !environment.allowedAdapters().contains(adapter)) {
      errors.add(new FieldError(field, "adapter '" + adapter + "' is not allowed in " + environment.name()
          + " (allowed: " + String.join(", ", environment.allowedAdapters()) + ")"));
    }
  }

  private static String fieldName(ConstraintViolation<?> violation) {
    // "targets[0].<list element>.adapter" style paths from container elements are simplified
    return violation.getPropertyPath().toString().replace(".<list element>", "");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
