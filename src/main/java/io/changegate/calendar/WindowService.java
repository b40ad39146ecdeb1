package io.changegate.calendar;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.change.Names;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Blackout and maintenance windows, and the services a service depends on: created, removed and read,
 * each write recorded in the audit trail in the same transaction.
 */
@Service
public class WindowService {

  private final WindowRepository windows;
  private final WindowValidator validator;
  private final AuditTrail audit;
  private final Clock clock;

  public WindowService(WindowRepository windows, WindowValidator validator, AuditTrail audit,
      Clock clock) {
    this.windows = windows;
    this.validator = validator;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public CalendarWindow create(WindowKind kind, WindowRequest request, String actor) {
    WindowValidator.ValidWindow valid = validator.check(request);
    CalendarWindow window = new CalendarWindow(windows.nextId(kind), kind, valid.title(), valid.reason(),
        valid.start(), valid.end(), valid.timeZone(), valid.recurrence(), valid.service(), valid.environment(),
        valid.span().firstStart(), valid.span().lastEnd(), actor, clock.instant());
    windows.insert(window);
    audit.record(actor, AuditAction.valueOf(kind.name() + "_CREATED"), null, details(window));
    return window;
  }

  @Transactional
  public void delete(WindowKind kind, String id, String actor) {
    CalendarWindow window = find(kind, id);
    windows.delete(kind, id);
    audit.record(actor, AuditAction.valueOf(kind.name() + "_DELETED"), null, details(window));
  }

  public CalendarWindow find(WindowKind kind, String id) {
    return windows.find(kind, id).orElseThrow(() -> new WindowNotFoundException(kind, id));
  }

  /** Windows of a kind that have not ended yet ({@code includePast}: all of them). */
  public List<CalendarWindow> list(WindowKind kind, boolean includePast) {
    return windows.list(kind, includePast ? Instant.EPOCH : clock.instant());
  }

  private static Map<String, Object> details(CalendarWindow w) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("id", w.id());
    details.put("title", w.title());
    details.put("start", w.start().toString());
    details.put("end", w.end().toString());
    details.put("timeZone", w.timeZone().getId());
    details.put("recurrence", w.recurrence());
    details.put("service", w.service());
    details.put("environment", w.environment());
    details.put("reason", w.reason());
    return details;
  }
}
