package io.changegate.delivery;

import io.changegate.jdbc.Sequences;

import io.changegate.jdbc.Columns;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import io.changegate.change.StandardTemplates;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Improvement actions from postmortems and post-implementation reviews: recorded against their change, updated by
 * status, owner and due date, each step in the change's audit trail; and the open and closed ones for the report.
 */
@Service
public class ImprovementActions {

  private final JdbcClient jdbc;
  private final ChangeService changes;
  private final AuditTrail audit;
  private final Validator validator;
  private final Clock clock;
  private final DataFieldMaxValueIncrementer ids;
  private final RunbookRepository runbooks;
  private final StandardTemplates templates;

  public ImprovementActions(JdbcClient jdbc, ChangeService changes, AuditTrail audit, Validator validator,
      Clock clock, DataSource dataSource, RunbookRepository runbooks, StandardTemplates templates) {
    this.jdbc = jdbc;
    this.runbooks = runbooks;
    this.templates = templates;
    this.ids = Sequences.of(dataSource, "changegate_improvement_action_seq");
    this.changes = changes;
    this.audit = audit;
    this.validator = validator;
    this.clock = clock;
  }

  /** Open and closed actions, and how many open ones are past their due date. */
  public record Summary(int open, int closed, int overdue, List<ImprovementAction> actions) {}

  @Transactional
  public ImprovementAction record(ImprovementActionRequest request, String actor) {
    List<FieldError> errors = newActionErrors(request, "");
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid improvement action", errors);
    }
    return insert(request, actor);
  }

  /**
   * The actions a postmortem or review form lists, all or none: every row is checked first (errors name the row,
   * {@code improvementActions[1].owner}), then each is recorded and audited under the person completing the task.
   */
  @Transactional
  public List<ImprovementAction> recordAll(List<ImprovementActionRequest> requests, String actor) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      errors.addAll(newActionErrors(requests.get(i), "improvementActions[" + i + "]."));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid improvement actions", errors);
    }
    return requests.stream().map(r -> insert(r, actor)).toList();
  }

  private List<FieldError> newActionErrors(ImprovementActionRequest request, String prefix) {
    List<FieldError> errors = violations(request);
    if (request.changeId() == null) {
      errors.add(new FieldError("changeId", "must not be blank"));
    }
    if (request.title() == null || request.title().isBlank()) {
      errors.add(new FieldError("title", "must not be blank"));
    }
    if (request.owner() == null || request.owner().isBlank()) {
      errors.add(new FieldError("owner", "must not be blank"));
    }
    if (request.status() != null && !"OPEN".equals(request.status())) {
      errors.add(new FieldError("status", "a new action is OPEN"));
    }
    if (request.amendment() != null || request.section() != null) {
      errors.add(new FieldError("amendment", "is given when the action is closed"));
    }
    if (request.amends() != null && request.amends().startsWith("template:")
        && !templates.ids().contains(request.amends().substring("template:".length()))) {
      errors.add(new FieldError("amends", "no standard-change template " + request.amends().substring(9)));
    }
    List<FieldError> named = new ArrayList<>();
    errors.forEach(e -> named.add(new FieldError(prefix + e.field(), e.message())));
    return named;
  }

  private ImprovementAction insert(ImprovementActionRequest request, String actor) {
    changes.get(request.changeId());
    Instant now = clock.instant();
    String id = "ACT-%06d".formatted(ids.nextLongValue());
    String source = request.source() == null ? ImprovementAction.Source.POSTMORTEM.name() : request.source();
    jdbc.sql("""
            INSERT INTO changegate_improvement_action (id, change_id, title, owner, due_date, status, source, amends,
              created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)""")
        .params(id, request.changeId(), request.title().strip(), request.owner(), request.dueDate(), source,
            request.amends(), actor, utc(now), utc(now))
        .update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", id);
    details.put("title", request.title().strip());
    details.put("owner", request.owner());
    details.put("dueDate", String.valueOf(request.dueDate()));
    details.put("source", source);
    details.put("amends", request.amends());
    audit.record(actor, AuditAction.IMPROVEMENT_ACTION_RECORDED, request.changeId(), details);
    return get(id);
  }

  @Transactional
  public ImprovementAction update(String id, ImprovementActionRequest request, String actor) {
    List<FieldError> errors = violations(request);
    for (String fixed : new String[] {"changeId", "title", "source", "amends"}) {
      Object value = switch (fixed) {
        case "changeId" -> request.changeId();
        case "title" -> request.title();
        case "source" -> request.source();
        default -> request.amends();
      };
      if (value != null) {
        errors.add(new FieldError(fixed, "cannot be changed; record a new action instead"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid improvement action", errors);
    }
    ImprovementAction before = get(id);
    Instant now = clock.instant();
    String status = request.status() == null ? before.status() : request.status();
    String owner = request.owner() == null ? before.owner() : request.owner();
    LocalDate due = request.dueDate() == null ? before.dueDate() : request.dueDate();
    boolean closed = ImprovementAction.Status.valueOf(status).closed();
    if (request.amendment() != null || request.section() != null) {
      amend(before, request, status, actor, now);
    }
    jdbc.sql("""
            UPDATE changegate_improvement_action SET status = ?, owner = ?, due_date = ?, updated_at = ?,
              closed_at = ? WHERE id = ?""")
        .params(status, owner, due, utc(now), closed ? utc(before.closedAt() == null ? now : before.closedAt()) : null,
            id)
        .update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", id);
    details.put("status", status);
    details.put("owner", owner);
    details.put("dueDate", String.valueOf(due));
    audit.record(actor, AuditAction.IMPROVEMENT_ACTION_UPDATED, before.changeId(), details);
    return get(id);
  }

  /**
   * Closing with an amendment applies it: a runbook ({@code runbook:<change id>}) gets the item in its section at
   * once (audited on both changes); a standard-change template ({@code template:<id>}) is configuration that only a
   * deployment changes, so the amendment is recorded as PROPOSED for a process owner to accept or reject.
   */
  private void amend(ImprovementAction before, ImprovementActionRequest request, String status, String actor,
      Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (!"DONE".equals(status)) {
      errors.add(new FieldError("amendment", "is applied when the action is closed as DONE"));
    }
    if (before.amends() == null) {
      errors.add(new FieldError("amendment", "the action amends nothing (no template or runbook named)"));
    }
    if (request.amendment() == null || request.amendment().isBlank()) {
      errors.add(new FieldError("amendment", "must not be blank"));
    }
    if (before.amendment() != null) {
      errors.add(new FieldError("amendment", "the action's amendment was given already"));
    }
    if (before.amends() != null && before.amends().startsWith("template:") && request.section() != null) {
      errors.add(new FieldError("section", "a template amendment has no runbook section"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid amendment", errors);
    }
    String text = request.amendment().strip();
    String target = before.amends().substring(before.amends().indexOf(':') + 1);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", before.id());
    details.put("amends", before.amends());
    details.put("amendment", text);
    String amendmentStatus;
    if (before.amends().startsWith("runbook:")) {
      String section = request.section() == null ? "postChecks" : request.section();
      RunbookRepository.Authored stored = runbooks.find(target).orElseThrow(() -> new InvalidRequestException(
          "Invalid amendment", List.of(new FieldError("amendment", "change " + target + " has no runbook"))));
      Runbook r = stored.runbook();
      List<List<String>> parts = new ArrayList<>(List.of(new ArrayList<>(r.preChecks()), new ArrayList<>(r.steps()),
          new ArrayList<>(r.postChecks()), new ArrayList<>(r.rollbackSteps())));
      List<String> items = parts.get(List.of("preChecks", "steps", "postChecks", "rollbackSteps").indexOf(section));
      if (items.size() >= Runbook.MAX_ITEMS) {
        throw new InvalidRequestException("Invalid amendment", List.of(new FieldError("section",
            "the runbook's " + section + " hold " + Runbook.MAX_ITEMS + " items already")));
      }
      items.add(text);
      runbooks.save(target, new Runbook(parts.get(0), parts.get(1), parts.get(2), parts.get(3)), actor, now);
      details.put("section", section);
      amendmentStatus = "APPLIED";
    } else {
      amendmentStatus = "PROPOSED";
    }
    details.put("amendmentStatus", amendmentStatus);
    jdbc.sql("UPDATE changegate_improvement_action SET amendment = ?, amendment_status = ?, amendment_by = ? "
            + "WHERE id = ?")
        .params(text, amendmentStatus, actor, before.id()).update();
    audit.record(actor, AuditAction.IMPROVEMENT_ACTION_AMENDED, before.changeId(), details);
    if (before.amends().startsWith("runbook:") && !target.equals(before.changeId())) {
      audit.record(actor, AuditAction.IMPROVEMENT_ACTION_AMENDED, target, details);
    }
  }

  /**
   * A process owner's decision on a template amendment an action proposed: ACCEPTED (the template's owner then
   * changes the configuration as the amendment says) or REJECTED; audited, and never by whoever proposed it.
   */
  @Transactional
  public ImprovementAction decideAmendment(String id, String decision, String comment, String actor) {
    ImprovementAction action = get(id);
    List<FieldError> errors = new ArrayList<>();
    if (decision == null || !decision.matches("ACCEPTED|REJECTED")) {
      errors.add(new FieldError("decision", "must be ACCEPTED or REJECTED"));
    }
    if (!"PROPOSED".equals(action.amendmentStatus())) {
      errors.add(new FieldError("decision", "the action has no proposed template amendment"
          + (action.amendmentStatus() == null ? "" : " (it is " + action.amendmentStatus() + ")")));
    }
    if (comment != null && comment.length() > 1000) {
      errors.add(new FieldError("comment", "size must be between 0 and 1000"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid decision", errors);
    }
    String proposedBy = jdbc.sql("SELECT amendment_by FROM changegate_improvement_action WHERE id = ?").param(id)
        .query(String.class).single();
    if (actor.equals(proposedBy)) {
      throw new org.springframework.security.access.AccessDeniedException(
          "Who proposed an amendment does not accept or reject it");
    }
    Instant now = clock.instant();
    jdbc.sql("UPDATE changegate_improvement_action SET amendment_status = ?, amendment_decided_by = ?, "
            + "amendment_decided_at = ?, updated_at = ? WHERE id = ?")
        .params(decision, actor, utc(now), utc(now), id).update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", id);
    details.put("amends", action.amends());
    details.put("amendment", action.amendment());
    details.put("decision", decision);
    details.put("comment", comment);
    audit.record(actor, AuditAction.IMPROVEMENT_ACTION_AMENDMENT_DECIDED, action.changeId(), details);
    return get(id);
  }

  public ImprovementAction get(String id) {
    return jdbc.sql("SELECT * FROM changegate_improvement_action WHERE id = ?").param(id)
        .query(ImprovementActions::map).optional()
        .orElseThrow(() -> new NotFoundException("Improvement action not found", "No improvement action " + id));
  }

  /** The actions, newest first, narrowed to a change and/or a status (null: all). */
  public Summary list(String changeId, String status) {
    if (status != null && !status.matches("OPEN|IN_PROGRESS|DONE|DROPPED")) {
      throw new InvalidRequestException("Invalid query",
          List.of(new FieldError("status", "must be OPEN, IN_PROGRESS, DONE or DROPPED")));
    }
    StringBuilder sql = new StringBuilder("SELECT * FROM changegate_improvement_action WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (changeId != null) {
      sql.append(" AND change_id = ?");
      params.add(changeId);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT 1000");
    List<ImprovementAction> actions = jdbc.sql(sql.toString()).params(params).query(ImprovementActions::map).list();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    int open = 0;
    int overdue = 0;
    for (ImprovementAction a : actions) {
      if (!ImprovementAction.Status.valueOf(a.status()).closed()) {
        open++;
        if (a.dueDate() != null && a.dueDate().isBefore(today)) {
          overdue++;
        }
      }
    }
    return new Summary(open, actions.size() - open, overdue, actions);
  }

  private List<FieldError> violations(ImprovementActionRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<ImprovementActionRequest> v : validator.validate(request)) {
      errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
    }
    return errors;
  }

  private static ImprovementAction map(ResultSet rs, int row) throws SQLException {
    return new ImprovementAction(rs.getString("id"), rs.getString("change_id"), rs.getString("title"),
        rs.getString("owner"), rs.getObject("due_date", LocalDate.class), rs.getString("status"),
        rs.getString("source"), rs.getString("amends"), rs.getString("created_by"), Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"), Columns.instant(rs, "closed_at"), rs.getString("amendment"),
        rs.getString("amendment_status"), rs.getString("amendment_decided_by"), Columns.instant(rs, "amendment_decided_at"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

}
