package io.changegate.calendar;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Level;
import io.changegate.change.Names;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Release policies per service: validated, stored and recorded in one transaction; read by the calendar check. */
@Service
public class ReleasePolicyService {

  private final ReleasePolicies policies;
  private final AuditTrail audit;
  private final Clock clock;

  public ReleasePolicyService(ReleasePolicies policies, AuditTrail audit, Clock clock) {
    this.policies = policies;
    this.audit = audit;
    this.clock = clock;
  }

  /** The service's policy; continuous when none was declared. */
  public ReleasePolicy of(String service) {
    return policies.of(service).orElseGet(() -> new ReleasePolicy(service, ReleasePolicy.Cadence.CONTINUOUS, null,
        null, null, null, null, Set.of(), null, null));
  }

  @Transactional
  public ReleasePolicy declare(String service, ReleasePolicyRequest request, String actor) {
    List<FieldError> errors = new ArrayList<>();
    if (service == null || !service.matches(Names.PATTERN)) {
      errors.add(new FieldError("service", Names.MESSAGE));
    }
    ReleasePolicy.Cadence cadence = null;
    try {
      cadence = ReleasePolicy.Cadence.valueOf(String.valueOf(request.cadence()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("cadence", "must be CONTINUOUS, WEEKLY or MONTHLY"));
    }
    DayOfWeek day = null;
    Integer dayOfMonth = null;
    LocalTime from = null;
    LocalTime to = null;
    ZoneId zone = null;
    Set<Level> classes = EnumSet.noneOf(Level.class);
    if (cadence != null && cadence != ReleasePolicy.Cadence.CONTINUOUS) {
      if (cadence == ReleasePolicy.Cadence.WEEKLY) {
        try {
          day = DayOfWeek.valueOf(String.valueOf(request.dayOfWeek()));
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("dayOfWeek", "must be MONDAY ... SUNDAY for a weekly train"));
        }
      } else if (request.dayOfMonth() == null || request.dayOfMonth() < 1 || request.dayOfMonth() > 28) {
        errors.add(new FieldError("dayOfMonth", "must be 1-28 for a monthly train (a day every month has)"));
      } else {
        dayOfMonth = request.dayOfMonth();
      }
      from = time(request.from(), "from", errors);
      to = time(request.to(), "to", errors);
      if (from != null && to != null && !to.isAfter(from)) {
        errors.add(new FieldError("to", "must be after from (a window within one day)"));
      }
      try {
        zone = ZoneId.of(String.valueOf(request.timeZone()));
      } catch (RuntimeException e) {
        errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/Berlin"));
      }
      if (request.riskClasses() == null || request.riskClasses().isEmpty()) {
        errors.add(new FieldError("riskClasses", "name the risk classes that ride the train (LOW, MEDIUM, HIGH)"));
      } else {
        for (String level : request.riskClasses()) {
          try {
            classes.add(Level.valueOf(String.valueOf(level)));
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError("riskClasses", "'" + level + "' is not LOW, MEDIUM or HIGH"));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The release policy has " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
    ReleasePolicy policy = new ReleasePolicy(service, cadence, day, dayOfMonth, from, to, zone, classes, actor,
        clock.instant());
    policies.save(policy);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("service", service);
    details.put("policy", policy.describe());
    audit.record(actor, AuditAction.RELEASE_POLICY_DECLARED, null, details);
    return policy;
  }

  private static LocalTime time(String value, String field, List<FieldError> errors) {
    try {
      return value == null ? fail(field, errors) : LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      return fail(field, errors);
    }
  }

  private static LocalTime fail(String field, List<FieldError> errors) {
    errors.add(new FieldError(field, "must be a local time HH:mm"));
    return null;
  }
}
