package io.changegate.dossier.api;

import io.changegate.change.Change;
import io.changegate.change.ChangeRequest;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.web.FieldError;
import io.changegate.web.DateRange;
import io.changegate.web.InvalidRequestException;
import io.changegate.dossier.ChangeDossiers;
import io.changegate.dossier.ChangeView;
import io.changegate.security.Groups;
import io.changegate.security.ServiceAccountAuthentication;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/changes}: submit, list, read (the change dossier) and cancel changes. The list also answers an incident
 * responder: the changes deployed to a service in a window ({@code ?service=&deployedFrom=&deployedTo=}).
 */
@RestController
@RequestMapping("/api/changes")
class ChangeController {

  private static final int MAX_LIST = 500;

  private final ChangeService changes;
  private final ChangeDossiers dossiers;

  ChangeController(ChangeService changes, ChangeDossiers dossiers) {
    this.changes = changes;
    this.dossiers = dossiers;
  }

  @PostMapping
  ResponseEntity<ChangeView> submit(@RequestBody ChangeRequest request, Authentication user) {
    if (request.service() != null && request.environment() != null) {
      ServiceAccountAuthentication.requireScope(user, request.service(), request.environment());
    }
    Change change = changes.submit(request, user.getName());
    return ResponseEntity.created(URI.create("/api/changes/" + change.id())).body(dossiers.of(change));
  }

  @GetMapping("/{id}")
  ChangeView get(@PathVariable String id, Authentication user) {
    ChangeView change = dossiers.of(id);
    ServiceAccountAuthentication.requireScope(user, change.service(), change.environment());
    return change;
  }

  @GetMapping
  List<ChangeSummary> list(@RequestParam(required = false) String status,
      @RequestParam(required = false) String service, @RequestParam(required = false) String environment,
      @RequestParam(required = false) String governanceOverridden,
      @RequestParam(required = false) String deployedFrom, @RequestParam(required = false) String deployedTo,
      @RequestParam(defaultValue = "100") int limit) {
    List<FieldError> errors = new ArrayList<>();
    Instant from = instant("deployedFrom", deployedFrom, errors);
    Instant to = instant("deployedTo", deployedTo, errors);
    if (from != null && to != null && from.isAfter(to)) {
      errors.add(new FieldError("deployedTo", "must not be before deployedFrom"));
    }
    Boolean overridden = null;
    if (governanceOverridden != null) {
      switch (governanceOverridden) {
        case "true" -> overridden = true;
        case "false" -> overridden = false;
        default -> errors.add(new FieldError("governanceOverridden", "must be true or false"));
      }
    }
    ChangeStatus wanted = null;
    if (status != null) {
      try {
        wanted = ChangeStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("status", "unknown status '" + status + "'"));
      }
    }
    if (limit < 1 || limit > MAX_LIST) {
      errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIST));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid query", errors);
    }
    List<Change> found = from == null && to == null
        ? changes.list(wanted, service, environment, overridden, limit)
        : changes.list(wanted, service, environment, overridden, from, to, limit);
    Set<String> overriddenIds = Boolean.TRUE.equals(overridden)
        ? found.stream().map(Change::id).collect(Collectors.toSet())
        : changes.governanceOverriddenAmong(found.stream().map(Change::id).toList());
    return found.stream().map(c -> ChangeSummary.of(c, overriddenIds.contains(c.id()))).toList();
  }

  /** An ISO-8601 instant ({@code 2026-03-01T10:00:00Z}, or with an offset) within {@link DateRange}; null when absent. */
  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      if (!DateRange.contains(instant)) {
        errors.add(new FieldError(field, DateRange.MESSAGE));
        return null;
      }
      return instant;
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-03-01T10:00:00Z"));
      return null;
    }
  }

  @PostMapping("/{id}/cancel")
  ChangeView cancel(@PathVariable String id, @Valid @RequestBody(required = false) CancelRequest body,
      Authentication user) {
    boolean privileged = Groups.hasAny(user, Groups.OPERATIONS, Groups.CAB, Groups.CAMUNDA_ADMIN);
    return dossiers.of(changes.cancel(id, user.getName(), privileged, body == null ? null : body.reason()));
  }
}
