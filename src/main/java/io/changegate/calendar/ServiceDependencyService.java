package io.changegate.calendar;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.Names;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.changegate.security.ProcessAccess;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Release planning between services: what a service depends on (with the versions it requires: {@code "stripe-api >=
 * 2.3"}), who owns it, and for a change to a service, its dependents — each with its owner group (who signs off) and
 * its open changes in the same environment whose planned slot overlaps the change's.
 */
@Service
public class ServiceDependencyService {

  static final int MAX_DEPENDENCIES = 50;
  private static final Pattern DECLARED = Pattern.compile("\\s*([^\\s>=]+)\\s*(?:>=\\s*(\\S+))?\\s*");

  private final ServiceDependencies dependencies;
  private final ScheduledChanges scheduled;
  private final CalendarProperties calendar;
  private final ChangeService changes;
  private final IdentityService identities;
  private final AuditTrail audit;
  private final Clock clock;
  /** The groups that work sign-offs (the process {@code sign-off}): an owner group must be one of them. */
  private final List<String> signers;

  public ServiceDependencyService(ServiceDependencies dependencies, ScheduledChanges scheduled,
      CalendarProperties calendar, ChangeService changes, IdentityService identities, AuditTrail audit, Clock clock,
      List<ProcessAccess> access) {
    this.signers = access.stream().filter(a -> a.key().equals("sign-off"))
        .flatMap(a -> a.taskGroups().stream()).distinct().toList();
    this.dependencies = dependencies;
    this.scheduled = scheduled;
    this.calendar = calendar;
    this.changes = changes;
    this.identities = identities;
    this.audit = audit;
    this.clock = clock;
  }

  /** A service's declaration: its owner group, what it depends on (with versions), and who depends on it. */
  public record Declaration(String service, String ownerGroup, List<String> dependsOn,
      List<ServiceDependencies.Requirement> requires, List<ServiceDependencies.Requirement> dependents) {}

  /**
   * A service that depends on the changed one: its owner group (empty when none is declared), the version of the
   * changed service it requires, and its open changes in the same environment whose slot overlaps the change's.
   */
  public record Dependent(String service, String ownerGroup, String requires, List<String> overlappingChanges) {}

  public Declaration declaration(String service) {
    List<ServiceDependencies.Requirement> requires = dependencies.requirements(service);
    return new Declaration(service, dependencies.ownerOf(service).orElse(null),
        requires.stream().map(ServiceDependencies.Requirement::declared).toList(), requires,
        dependencies.dependents(service));
  }

  /**
   * Replaces what {@code service} depends on ({@code "name"} or {@code "name >= version"}) and, when given, sets its
   * owner group; every error at once, nothing stored on one.
   */
  @Transactional
  public Declaration declare(String service, List<String> dependsOn, String ownerGroup, String actor) {
    List<FieldError> errors = new ArrayList<>();
    if (service == null || !service.matches(Names.PATTERN)) {
      errors.add(new FieldError("service", Names.MESSAGE));
    }
    List<ServiceDependencies.Requirement> requirements = new ArrayList<>();
    if (dependsOn == null) {
      errors.add(new FieldError("dependsOn", "is required (an empty list removes every dependency)"));
    } else {
      if (dependsOn.size() > MAX_DEPENDENCIES) {
        errors.add(new FieldError("dependsOn", "must list at most " + MAX_DEPENDENCIES + " services"));
      }
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < dependsOn.size(); i++) {
        String field = "dependsOn[" + i + "]";
        String entry = dependsOn.get(i);
        Matcher declared = entry == null ? null : DECLARED.matcher(entry);
        if (declared == null || !declared.matches() || !declared.group(1).matches(Names.PATTERN)) {
          errors.add(new FieldError(field, "must be a service name (" + Names.MESSAGE + "), optionally with a"
              + " required version: \"stripe-api >= 2.3\""));
          continue;
        }
        String name = declared.group(1);
        String version = declared.group(2);
        if (version != null && !version.matches(Versions.PATTERN)) {
          errors.add(new FieldError(field, "the required version must start with a digit (at most 40 characters of"
              + " letters, digits, '.', '-', '+')"));
        } else if (name.equals(service)) {
          errors.add(new FieldError(field, "a service cannot depend on itself"));
        } else if (!seen.add(name)) {
          boolean same = requirements.stream().anyMatch(r -> r.service().equals(name)
              && java.util.Objects.equals(r.minVersion(), version));
          if (!same) {
            errors.add(new FieldError(field, "'" + name + "' is listed twice with different required versions"));
          }
        } else {
          requirements.add(new ServiceDependencies.Requirement(name, version));
        }
      }
    }
    if (ownerGroup != null && (!ownerGroup.matches("[a-z0-9][a-z0-9-]{0,63}")
        || identities.createGroupQuery().groupId(ownerGroup).count() == 0)) {
      errors.add(new FieldError("ownerGroup", "no group '" + ownerGroup + "' exists"));
    } else if (ownerGroup != null && !signers.contains(ownerGroup)) {
      errors.add(new FieldError("ownerGroup", "'" + ownerGroup + "' does not work sign-offs, and the owner group signs"
          + " off changes to the services its service depends on (sign-offs are worked by: "
          + String.join(", ", signers) + ")"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The dependencies have " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
    dependencies.replaceRequirements(service, requirements);
    Instant now = clock.instant();
    if (ownerGroup != null) {
      dependencies.setOwner(service, ownerGroup, actor, now);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("service", service);
    entry.put("dependsOn", requirements.stream().map(ServiceDependencies.Requirement::declared).toList());
    if (ownerGroup != null) {
      entry.put("ownerGroup", ownerGroup);
    }
    audit.record(actor, AuditAction.SERVICE_DEPENDENCIES_DECLARED, null, entry);
    return declaration(service);
  }

  /** The dependents of the change's service, each with its owner and its overlapping changes. */
  public List<Dependent> dependentsOf(String changeId) {
    return dependentsOf(changes.get(changeId));
  }

  /** As above, for a change already read. */
  public List<Dependent> dependentsOf(Change change) {
    List<ServiceDependencies.Requirement> dependents = dependencies.dependents(change.service());
    if (dependents.isEmpty()) {
      return List.of();
    }
    Instant start = change.plannedStart() != null ? change.plannedStart() : clock.instant();
    Slot slot = change.plannedStart() != null && change.plannedEnd() != null
        ? Slot.of(start, java.time.Duration.between(change.plannedStart(), change.plannedEnd()))
        : Slot.of(start, calendar.defaultChangeDuration());
    List<Dependent> found = new ArrayList<>();
    for (ServiceDependencies.Requirement dependent : dependents) {
      List<String> overlapping = scheduled.overlapping(dependent.service(), change.environment(), change.id(), slot,
          calendar.defaultChangeDuration()).stream().map(ScheduledChanges.PlannedChange::id).toList();
      found.add(new Dependent(dependent.service(), dependencies.ownerOf(dependent.service()).orElse(""),
          dependent.minVersion() == null ? "" : ">= " + dependent.minVersion(), overlapping));
    }
    return found;
  }

  /** The owner groups of the change's dependents, each once, in the order of the dependents' names. */
  public List<String> dependentOwners(String changeId) {
    Change change = changes.get(changeId);
    return dependencies.dependents(change.service()).stream()
        .map(d -> dependencies.ownerOf(d.service()).orElse(""))
        .filter(group -> !group.isEmpty()).distinct().toList();
  }

  /** The dependents as a reviewer reads them on the sign-off form: one line each. */
  public String describeDependents(String changeId) {
    List<Dependent> dependents = dependentsOf(changeId);
    if (dependents.isEmpty()) {
      return "No service depends on this one.";
    }
    List<String> lines = new ArrayList<>();
    for (Dependent d : dependents) {
      lines.add(d.service() + (d.requires().isEmpty() ? "" : " (requires " + d.requires() + ")")
          + " · owner " + (d.ownerGroup().isEmpty() ? "not declared" : d.ownerGroup())
          + (d.overlappingChanges().isEmpty() ? "" : " · overlapping changes: "
              + String.join(", ", d.overlappingChanges())));
    }
    return String.join("\n", lines);
  }
}
