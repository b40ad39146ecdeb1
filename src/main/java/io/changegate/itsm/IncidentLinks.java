package io.changegate.itsm;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import io.changegate.rollback.incident.IncidentLink;
import io.changegate.rollback.incident.Incidents;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links an incident of the ITSM tool to the change that caused it: the reference is read through {@link ItsmPort}
 * first (an incident the tool does not know is refused, nothing stored), then stored beside the incidents Changegate
 * opened itself ({@link Incidents}, kind {@code LINKED}, opened when the tool says) and recorded on the change's
 * timeline ({@code INCIDENT_LINKED}). Linking the same incident again changes nothing.
 */
@Service
public class IncidentLinks {

  /** What a reference of an ITSM tool may look like: INC0010001, PRB0040001, OPS-17. */
  public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

  private final ChangeService changes;
  private final ItsmTools tools;
  private final Incidents incidents;
  private final AuditTrail audit;
  private final Clock clock;

  public IncidentLinks(ChangeService changes, ItsmTools tools, Incidents incidents, AuditTrail audit, Clock clock) {
    this.changes = changes;
    this.tools = tools;
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public LinkedIncident link(String changeId, String reference, String actor) {
    changes.get(changeId);
    ItsmRecord incident = incident("reference", reference);
    Instant openedAt = incident.openedAt() == null ? clock.instant() : incident.openedAt();
    boolean created = incidents.link(changeId, new IncidentLink(incident.system(), incident.reference(),
        fit(incident.url(), 1000)), fit(titleOf(incident), 2000), openedAt, actor);
    if (created) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("system", incident.system());
      details.put("reference", incident.reference());
      details.put("url", incident.url());
      details.put("title", incident.title());
      details.put("openedAt", openedAt.toString());
      audit.record(actor, AuditAction.INCIDENT_LINKED, changeId, details);
    }
    return new LinkedIncident(changeId, incident.system(), incident.reference(), incident.url(), incident.title(),
        incident.state(), openedAt, created);
  }

  /** The record's title, else its reference: what is stored as the link's summary. */
  static String titleOf(ItsmRecord record) {
    return record.title() == null || record.title().isBlank() ? record.reference() : record.title();
  }

  /** Text from the ITSM tool cut to what its column holds (a URL too long to keep is dropped). */
  static String fit(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.startsWith("http") ? null : text.substring(0, max - 1) + "…";
  }

  /** The incident the tool holds under {@code reference}, else a 400 on {@code field}. */
  ItsmRecord incident(String field, String reference) {
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      throw new InvalidRequestException("Invalid incident reference", List.of(new FieldError(field,
          "must be the incident's number in the ITSM tool (letters, digits and ._:-, up to 100)")));
    }
    return tools.port().incident(reference).orElseThrow(() -> new InvalidRequestException("Unknown incident",
        List.of(new FieldError(field, tools.port().adapter() + " has no incident " + reference))));
  }

  ItsmRecord problem(String field, String reference) {
    if (!REFERENCE.matcher(reference).matches()) {
      throw new InvalidRequestException("Invalid problem reference", List.of(new FieldError(field,
          "must be the problem's number in the ITSM tool (letters, digits and ._:-, up to 100)")));
    }
    return tools.port().problem(reference).orElseThrow(() -> new InvalidRequestException("Unknown problem",
        List.of(new FieldError(field, tools.port().adapter() + " has no problem " + reference))));
  }

  ItsmPort port() {
    return tools.port();
  }
}
