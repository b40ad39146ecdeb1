package io.changegate.environment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.web.ConflictException;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The environment catalog: created by operations or an administrator, kept by its owner group, each write validated
 * and recorded in the audit trail in one transaction. It is the change core's {@link EnvironmentCatalog}: intake,
 * sign-offs, the calendar and promotion ask it what an environment is.
 */
@Service
public class EnvironmentService implements EnvironmentCatalog {

  private final EnvironmentRepository repository;
  private final EnvironmentValidator validator;
  private final AuditTrail audit;
  private final EnvironmentProperties properties;
  private final Clock clock;

  EnvironmentService(EnvironmentRepository repository, EnvironmentValidator validator, AuditTrail audit,
      EnvironmentProperties properties, Clock clock) {
    this.repository = repository;
    this.validator = validator;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /** Who writes: the user, and whether they administer the catalog (operations, administrators). */
  public record Editor(String user, boolean administers, List<String> groups) {}

  @Override
  public Optional<EnvironmentFacts> find(String name) {
    return repository.find(name).map(Environment::facts);
  }

  @Override
  public List<EnvironmentFacts> all() {
    return repository.all().stream().map(Environment::facts).toList();
  }

  public List<Environment> list() {
    return repository.all();
  }

  public Environment get(String name) {
    return repository.find(name).orElseThrow(() -> notFound(name));
  }

  /** A new environment (operations, administrators). */
  @Transactional
  public Environment create(EnvironmentRequest request, Editor editor) {
    if (!editor.administers()) {
      throw new AccessDeniedException("Only operations or an administrator may add an environment to the catalog");
    }
    EnvironmentValidator.Valid valid = validator.check(request, request.name());
    if (repository.find(valid.name()).isPresent()) {
      throw new ConflictException("Environment exists", "The catalog has an environment '" + valid.name()
          + "' already; change it with PUT /api/environments/" + valid.name());
    }
    checkPosition(valid);
    Instant now = clock.instant();
    Environment created = new Environment(valid.name(), valid.kind(), valid.ownerGroup(), valid.allowedAdapters(),
        valid.promotionOrder(), valid.dataClassification(), valid.infrastructureTemplate(),
        valid.templateParameters(), valid.capacity(), 1, editor.user(), now, editor.user(), now);
    repository.insert(created);
    audit.record(editor.user(), AuditAction.ENVIRONMENT_CREATED, null, details(created));
    return created;
  }

  /**
   * Changes an environment: its owner group keeps its adapters, classification, template and capacity; its kind,
   * owner and place in the promotion order are for operations and administrators. The kind does not change while
   * changes to the environment are open: they were classified and signed off for the kind it had.
   */
  @Transactional
  public Environment update(String name, EnvironmentRequest request, Editor editor) {
    Environment before = repository.findForUpdate(name).orElseThrow(() -> notFound(name));
    if (!editor.administers() && !editor.groups().contains(before.ownerGroup())) {
      throw new AccessDeniedException("Only the owner group of " + name + " (" + before.ownerGroup()
          + "), operations or an administrator may change it");
    }
    if (request.name() != null && !request.name().equals(name)) {
      throw new InvalidRequestException("The environment has 1 invalid field", List.of(new FieldError("name",
          "must be '" + name + "' (an environment is not renamed)")));
    }
    EnvironmentValidator.Valid valid = validator.check(request, name);
    List<String> governing = new ArrayList<>();
    if (valid.kind() != before.kind()) {
      governing.add("kind");
    }
    if (!valid.ownerGroup().equals(before.ownerGroup())) {
      governing.add("ownerGroup");
    }
    if (!Objects.equals(valid.promotionOrder(), before.promotionOrder())) {
      governing.add("promotionOrder");
    }
    if (!governing.isEmpty() && !editor.administers()) {
      throw new AccessDeniedException("The owner group may not change " + String.join(", ", governing) + " of "
          + name + ": operations or an administrator may");
    }
    if (valid.kind() != before.kind()) {
      List<String> open = repository.openChanges(name);
      if (!open.isEmpty()) {
        throw new ConflictException("Environment has open changes", "The kind of " + name + " stays "
            + before.kind() + " while changes to it are open (" + String.join(", ", open.subList(0,
                Math.min(10, open.size()))) + (open.size() > 10 ? ", ..." : "") + "): they were classified and"
            + " signed off as changes to a " + before.kind() + " environment");
      }
    }
    checkPosition(valid);
    Environment after = new Environment(name, valid.kind(), valid.ownerGroup(), valid.allowedAdapters(),
        valid.promotionOrder(), valid.dataClassification(), valid.infrastructureTemplate(),
        valid.templateParameters(), valid.capacity(), before.version() + 1, before.createdBy(), before.createdAt(),
        editor.user(), clock.instant());
    repository.update(after);
    Map<String, Object> entry = details(after);
    entry.put("changed", changed(before, after));
    entry.put("version", after.version());
    audit.record(editor.user(), AuditAction.ENVIRONMENT_UPDATED, null, entry);
    return after;
  }

  private void checkPosition(EnvironmentValidator.Valid valid) {
    if (valid.promotionOrder() == null) {
      return;
    }
    repository.atPosition(valid.promotionOrder(), valid.name()).ifPresent(other -> {
      throw new InvalidRequestException("The environment has 1 invalid field", List.of(new FieldError(
          "promotionOrder", "position " + valid.promotionOrder() + " of the promotion order is " + other + "'s")));
    });
  }

  private static List<String> changed(Environment before, Environment after) {
    List<String> changed = new ArrayList<>();
    compare(changed, "kind", before.kind(), after.kind());
    compare(changed, "ownerGroup", before.ownerGroup(), after.ownerGroup());
    compare(changed, "allowedAdapters", before.allowedAdapters(), after.allowedAdapters());
    compare(changed, "promotionOrder", before.promotionOrder(), after.promotionOrder());
    compare(changed, "dataClassification", before.dataClassification(), after.dataClassification());
    compare(changed, "infrastructureTemplate", before.infrastructureTemplate(), after.infrastructureTemplate());
    compare(changed, "templateParameters", before.templateParameters(), after.templateParameters());
    compare(changed, "capacity", before.capacity(), after.capacity());
    return changed;
  }

  private static void compare(List<String> changed, String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changed.add(field + ": " + before + " -> " + after);
    }
  }

  private static Map<String, Object> details(Environment e) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", e.name());
    details.put("kind", e.kind().name());
    details.put("ownerGroup", e.ownerGroup());
    details.put("allowedAdapters", e.allowedAdapters());
    details.put("promotionOrder", e.promotionOrder() == null ? "none" : e.promotionOrder());
    details.put("dataClassification", e.dataClassification().name());
    details.put("infrastructureTemplate", e.infrastructureTemplate() == null ? "none" : e.infrastructureTemplate());
    details.put("templateParameters", e.templateParameters());
    details.put("capacity", e.capacity());
    return details;
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("No such environment", "The environment catalog has no environment '" + name
        + "'");
  }
}
