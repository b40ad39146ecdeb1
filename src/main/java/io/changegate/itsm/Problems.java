package io.changegate.itsm;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeIds;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeService;
import io.changegate.jdbc.Columns;
import io.changegate.jdbc.Sequences;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import io.changegate.web.StorableText;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Problem records: several incidents of the ITSM tool, each read through {@link ItsmPort}, linked to the changes that
 * caused them. Every reference is checked before anything is stored (all errors at once, nothing half-written); when
 * the problem has a reference in the tool, the tool is told each incident belongs to it. Each change gets a
 * {@code PROBLEM_LINKED} entry on its timeline, and its deployment counts as failed in the change failure rate.
 */
@Service
public class Problems {

  static final int MAX_LINKS = 50;

  private final JdbcClient jdbc;
  private final ChangeService changes;
  private final IncidentLinks links;
  private final AuditTrail audit;
  private final Clock clock;
  private final DataFieldMaxValueIncrementer ids;

  public Problems(JdbcClient jdbc, ChangeService changes, IncidentLinks links, AuditTrail audit, Clock clock,
      DataSource dataSource) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.links = links;
    this.audit = audit;
    this.clock = clock;
    this.ids = Sequences.of(dataSource, "changegate_problem_seq");
  }

  @Transactional
  public Problem record(ProblemRequest request, String actor) {
    List<FieldError> errors = new ArrayList<>();
    String title = request.title() == null ? null : request.title().strip();
    if (title != null && (title.length() > 500 || StorableText.problem(title) != null)) {
      errors.add(new FieldError("title", "must be text of up to 500 characters"));
    }
    if (request.reference() != null && !IncidentLinks.REFERENCE.matcher(request.reference()).matches()) {
      errors.add(new FieldError("reference", "must be the problem's number in the ITSM tool"));
    }
    if ((title == null || title.isEmpty()) && request.reference() == null) {
      errors.add(new FieldError("title", "must not be blank when the problem has no reference"));
    }
    List<Item> incidentRefs = distinct(request.incidents(), "incidents", errors);
    List<Item> changeIds = distinct(request.changes(), "changes", errors);
    List<Change> caused = new ArrayList<>();
    for (Item item : changeIds) {
      String field = "changes[" + item.index() + "]";
      if (!ChangeIds.isChangeId(item.value())) {
        errors.add(new FieldError(field, "must be a change id such as CHG-000042"));
        continue;
      }
      try {
        caused.add(changes.get(item.value()));
      } catch (ChangeNotFoundException e) {
        errors.add(new FieldError(field, "no change " + item.value()));
      }
    }
    List<ItsmRecord> incidents = new ArrayList<>();
    for (Item item : incidentRefs) {
      try {
        incidents.add(links.incident("incidents[" + item.index() + "]", item.value()));
      } catch (InvalidRequestException e) {
        errors.addAll(e.errors());
      }
    }
    ItsmRecord problem = null;
    if (request.reference() != null && errors.stream().noneMatch(e -> e.field().equals("reference"))) {
      try {
        problem = links.problem("reference", request.reference());
      } catch (InvalidRequestException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid problem", errors);
    }
    if (problem != null) {
      for (ItsmRecord incident : incidents) {
        links.port().linkIncidentToProblem(incident, problem);
      }
    }
    Instant now = clock.instant();
    String id = "PRB-%06d".formatted(ids.nextLongValue());
    String shownTitle = title == null || title.isEmpty() ? IncidentLinks.fit(IncidentLinks.titleOf(problem), 500)
        : title;
    jdbc.sql("""
            INSERT INTO changegate_problem (id, title, system, reference, url, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(id, shownTitle, links.port().adapter(), problem == null ? null : problem.reference(),
            problem == null ? null : IncidentLinks.fit(problem.url(), 1000), actor, utc(now))
        .update();
    for (ItsmRecord incident : incidents) {
      jdbc.sql("""
              INSERT INTO changegate_problem_incident (problem_id, system, reference, url, title, opened_at)
              VALUES (?, ?, ?, ?, ?, ?)""")
          .params(id, incident.system(), incident.reference(), IncidentLinks.fit(incident.url(), 1000),
              IncidentLinks.fit(IncidentLinks.titleOf(incident), 2000),
              utc(incident.openedAt() == null ? now : incident.openedAt()))
          .update();
    }
    for (Change change : caused) {
      jdbc.sql("INSERT INTO changegate_problem_change (problem_id, change_id, linked_at) VALUES (?, ?, ?)")
          .params(id, change.id(), utc(now)).update();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("problem", id);
      details.put("title", shownTitle);
      details.put("reference", problem == null ? null : problem.reference());
      details.put("incidents", incidents.stream().map(ItsmRecord::reference).toList());
      audit.record(actor, AuditAction.PROBLEM_LINKED, change.id(), details);
    }
    return get(id);
  }

  public Problem get(String id) {
    Problem head = jdbc.sql("SELECT * FROM changegate_problem WHERE id = ?").param(id)
        .query((rs, n) -> new Problem(rs.getString("id"), rs.getString("title"), rs.getString("system"),
            rs.getString("reference"), rs.getString("url"), rs.getString("created_by"), Columns.instant(rs, "created_at"),
            List.of(), List.of()))
        .optional().orElseThrow(() -> new NotFoundException("Problem not found", "no problem " + id));
    List<Problem.Incident> incidents = jdbc.sql(
            "SELECT * FROM changegate_problem_incident WHERE problem_id = ? ORDER BY opened_at, reference")
        .param(id).query((rs, n) -> new Problem.Incident(rs.getString("system"), rs.getString("reference"),
            rs.getString("url"), rs.getString("title"), Columns.instant(rs, "opened_at")))
        .list();
    List<Problem.Change> caused = jdbc.sql("""
            SELECT c.id, c.title, c.service, c.environment, c.status, p.linked_at
            FROM changegate_problem_change p JOIN changegate_change c ON c.id = p.change_id
            WHERE p.problem_id = ? ORDER BY c.id""")
        .param(id).query((rs, n) -> new Problem.Change(rs.getString("id"), rs.getString("title"),
            rs.getString("service"), rs.getString("environment"), rs.getString("status"), Columns.instant(rs, "linked_at")))
        .list();
    return new Problem(head.id(), head.title(), head.system(), head.reference(), head.url(), head.createdBy(),
        head.createdAt(), incidents, caused);
  }

  /** The problems naming the change as a cause, for its dossier. */
  public List<Problem.Summary> ofChange(String changeId) {
    return jdbc.sql("""
            SELECT p.id FROM changegate_problem_change l JOIN changegate_problem p ON p.id = l.problem_id
            WHERE l.change_id = ? ORDER BY p.id""")
        .param(changeId).query(String.class).list().stream().map(this::get)
        .map(p -> new Problem.Summary(p.id(), p.title(), p.system(), p.reference(), p.url(),
            p.incidents().stream().map(Problem.Incident::reference).toList()))
        .toList();
  }

  /** A value of a list in the request with its index there (errors name the field as sent). */
  private record Item(int index, String value) {}

  /** The non-blank values of {@code values}, each once, with their first index; errors for blanks and bounds. */
  private static List<Item> distinct(List<String> values, String field, List<FieldError> errors) {
    if (values == null || values.isEmpty()) {
      errors.add(new FieldError(field, "must name at least one"));
      return List.of();
    }
    if (values.size() > MAX_LINKS) {
      errors.add(new FieldError(field, "at most " + MAX_LINKS));
      return List.of();
    }
    List<Item> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null || value.isBlank()) {
        errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
      } else if (seen.add(value)) {
        kept.add(new Item(i, value));
      }
    }
    return kept;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

}
