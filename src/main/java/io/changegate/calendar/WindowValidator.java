package io.changegate.calendar;

import io.changegate.web.DateRange;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.Names;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Everything wrong with a window request, in one list: required fields, local date-times within
 * {@link DateRange}, an IANA zone, a valid RRULE within {@link RecurrenceLimits} whose start is one of its
 * occurrences, an end after the start, safe scope names, an environment of the environment catalog.
 */
@Component
public class WindowValidator {

  static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private final EnvironmentCatalog environments;

  public WindowValidator(EnvironmentCatalog environments) {
    this.environments = environments;
  }

  /** A valid request, parsed. */
  public record ValidWindow(String title, LocalDateTime start, LocalDateTime end, ZoneId timeZone,
      String recurrence, String service, String environment, String reason, WindowSchedule.Span span) {}

  public ValidWindow check(WindowRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String title = text(request.title(), "title", 200, errors);
    String reason = text(request.reason(), "reason", 2000, errors);
    LocalDateTime start = localDateTime(request.start(), "start", errors);
    LocalDateTime end = localDateTime(request.end(), "end", errors);
    ZoneId zone = zone(request.timeZone(), errors);
    String service = name(request.service(), "service", errors);
    String environment = name(request.environment(), "environment", errors);
    if (environment != null && environments.find(environment).isEmpty()) {
      // a freeze of an environment that does not exist would guard nothing
      errors.add(new FieldError("environment", "unknown environment '" + environment + "' (the environment catalog"
          + " has: " + String.join(", ", environments.all().stream().map(e -> e.name()).toList()) + ")"));
    }

    String recurrence = null;
    boolean ruleValid = true;
    if (request.recurrence() != null && !request.recurrence().isBlank()) {
      ruleValid = false;
      if (request.recurrence().length() > 500) {
        errors.add(new FieldError("recurrence", "must be at most 500 characters"));
      } else {
        try {
          recurrence = WindowSchedule.canonical(request.recurrence());
          ruleValid = true;
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("recurrence", e.getMessage()));
        }
      }
    }

    WindowSchedule.Span span = null;
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add(new FieldError("end", "must be after start"));
    } else if (start != null && end != null && zone != null && ruleValid) {
      try {
        span = WindowSchedule.span(start, end, zone, recurrence);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(e.getMessage().startsWith("must be after") ? "end" : "recurrence", e.getMessage()));
      }
    }

    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
      throw new InvalidRequestException("The window has " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
    return new ValidWindow(title, start, end, zone, recurrence, service, environment, reason, span);
  }

  private static String text(String value, String field, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "must not be blank"));
      return null;
    }
    if (value.strip().length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
      return null;
    }
    return value.strip();
  }

  private static LocalDateTime localDateTime(String value, String field, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required: an ISO-8601 local date-time such as 2026-12-18T17:00"));
      return null;
    }
    try {
      LocalDateTime parsed = LocalDateTime.parse(value.strip());
      if (!DateRange.contains(parsed)) {
        errors.add(new FieldError(field, DateRange.MESSAGE + ": '" + value + "'"));
        return null;
      }
      return parsed;
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 local date-time without offset, such as "
          + "2026-12-18T17:00 (the zone is timeZone): '" + value + "'"));
      return null;
    }
  }

  private static ZoneId zone(String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError("timeZone", "is required: an IANA time zone such as Europe/Berlin"));
      return null;
    }
    if (!ZONES.contains(value.strip())) {
      errors.add(new FieldError("timeZone", "unknown time zone '" + value
          + "' (an IANA id such as Europe/Berlin or America/New_York)"));
      return null;
    }
    return ZoneId.of(value.strip());
  }

  private static String name(String value, String field, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.matches(Names.PATTERN)) {
      errors.add(new FieldError(field, Names.MESSAGE));
      return null;
    }
    return value;
  }
}
