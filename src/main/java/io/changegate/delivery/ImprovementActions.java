package io.changegate.delivery;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
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
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
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

  public ImprovementActions(JdbcClient jdbc, ChangeService changes, AuditTrail audit, Validator validator,
      Clock clock, DataSource dataSource) {
    this.jdbc = jdbc;
    this.ids = incrementerFor(dataSource);
    this.changes = changes;
    this.audit = audit;
    this.validator = validator;
    this.clock = clock;
  }

  /** Open and closed actions, and how many open ones are past their due date. */
  public record Summary(int open, int closed, int overdue, List<ImprovementAction> actions) {}

  @Transactional
  public ImprovementAction record(ImprovementActionRequest request, String actor) {
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
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid improvement action", errors);
    }
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
        rs.getString("source"), rs.getString("amends"), rs.getString("created_by"), instant(rs, "created_at"),
        instant(rs, "updated_at"), instant(rs, "closed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static DataFieldMaxValueIncrementer incrementerFor(DataSource dataSource) {
    String product;
    try {
      product = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database this is", e);
    }
    String sequence = "changegate_improvement_action_seq";
    return switch (product) {
      case "PostgreSQL" -> new PostgresSequenceMaxValueIncrementer(dataSource, sequence);
      case "H2" -> new H2SequenceMaxValueIncrementer(dataSource, sequence);
      default -> throw new IllegalStateException("unsupported database: " + product);
    };
  }
}
