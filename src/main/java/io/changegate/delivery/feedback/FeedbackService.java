package io.changegate.delivery.feedback;

import io.changegate.jdbc.Columns;

import io.changegate.approval.Decision;
import io.changegate.approval.TaskRecords;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.delivery.ImprovementAction;
import io.changegate.delivery.ImprovementActionRequest;
import io.changegate.delivery.ImprovementActions;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.monitoring.MetricsPort;
import io.changegate.outbound.Placeholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The feedback of a completed change over its first {@code window} (72 hours): the survey for its stakeholders — the
 * requester and the groups that approved it — answered once or expired when the window ends, the actions a
 * stakeholder names recorded as improvement actions amending the change's runbook, and the service's usage over the
 * window measured through {@link MetricsPort}. Each step on the change's timeline; the rows in
 * {@code changegate_feedback}.
 */
@Service
public class FeedbackService {

  static final int MAX_COMMENT = 4000;
  static final int MAX_ACTIONS = 10;

  private final JdbcClient jdbc;
  private final ChangeService changes;
  private final TaskRecords tasks;
  private final ImprovementActions actions;
  private final MetricsPort metrics;
  private final AuditTrail audit;
  private final FeedbackProperties properties;
  private final Clock clock;

  public FeedbackService(JdbcClient jdbc, ChangeService changes, TaskRecords tasks, ImprovementActions actions,
      MetricsPort metrics, AuditTrail audit, FeedbackProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.tasks = tasks;
    this.actions = actions;
    this.metrics = metrics;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Opens the feedback of a change that completed: false when feedback is off, the change was a dry run or its
   * feedback was opened before (then nothing is started again).
   */
  @Transactional
  public boolean open(String changeId) {
    Change change = changes.get(changeId);
    if (!properties.enabled() || change.dryRun() || !properties.changeTypes().contains(change.type())
        || find(changeId).isPresent()) {
      return false;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the engine's dates hold milliseconds
    Instant due = now.plus(properties.window());
    String query = usageQuery(change);
    jdbc.sql("""
            INSERT INTO changegate_feedback (change_id, status, started_at, due_at, usage_query)
            VALUES (?, 'OPEN', ?, ?, ?)""")
        .params(changeId, utc(now), utc(due), query).update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dueAt", due.toString());
    details.put("requester", change.requester());
    details.put("groups", stakeholderGroups(changeId));
    details.put("usageQuery", query);
    audit.record("changegate", AuditAction.FEEDBACK_REQUESTED, changeId, details);
    return true;
  }

  /** When the survey expires and the usage is measured. */
  public Instant dueAt(String changeId) {
    return find(changeId).map(Feedback::dueAt).orElseThrow(() -> new IllegalStateException(
        "no feedback was opened for " + changeId));
  }

  /** The stakeholder groups: those whose members approved the change (its decided approval and sign-off tasks). */
  public List<String> stakeholderGroups(String changeId) {
    Set<String> groups = new TreeSet<>();
    for (TaskRecords.TaskRecord decided : tasks.decisionsOf(changeId)) {
      if (decided.decision() == Decision.APPROVE) {
        groups.addAll(decided.candidateGroups());
      }
    }
    return List.copyOf(groups);
  }

  public String requester(String changeId) {
    return changes.get(changeId).requester();
  }

  /**
   * A stakeholder answered: a rating 1–5, a comment, actions (one a line, at most ten) recorded as improvement
   * actions owned by the person who answered and amending the change's runbook. Refused (nothing stored) when the
   * rating is missing or out of range or the survey is no longer open.
   */
  @Transactional
  public Feedback answer(String changeId, String rating, String comment, String actionLines, String actor) {
    Feedback feedback = find(changeId).orElseThrow(() -> new GovernanceRefusal("No feedback is open for "
        + changeId));
    if (!Feedback.Status.OPEN.name().equals(feedback.status())) {
      throw new GovernanceRefusal("The feedback of " + changeId + " is " + feedback.status().toLowerCase());
    }
    int stars;
    try {
      stars = Integer.parseInt(rating == null ? "" : rating.strip());
    } catch (NumberFormatException e) {
      stars = 0;
    }
    if (stars < 1 || stars > 5) {
      throw new GovernanceRefusal("The rating must be 1 to 5");
    }
    String text = comment == null ? null : comment.strip();
    if (text != null && text.length() > MAX_COMMENT) {
      throw new GovernanceRefusal("The comment is longer than " + MAX_COMMENT + " characters");
    }
    List<String> lines = actionLines == null ? List.of() : actionLines.lines().map(String::strip)
        .filter(l -> !l.isEmpty()).toList();
    if (lines.size() > MAX_ACTIONS) {
      throw new GovernanceRefusal("At most " + MAX_ACTIONS + " actions, one a line");
    }
    if (lines.stream().anyMatch(l -> l.length() > 500)) {
      throw new GovernanceRefusal("An action is longer than 500 characters");
    }
    Instant now = clock.instant();
    jdbc.sql("""
            UPDATE changegate_feedback SET status = 'ANSWERED', answered_by = ?, answered_at = ?, rating = ?, comment = ?
            WHERE change_id = ? AND status = 'OPEN'""")
        .params(actor, utc(now), stars, text, changeId).update();
    List<String> recorded = new ArrayList<>();
    for (String line : lines) {
      ImprovementAction action = actions.record(ImprovementActionRequest.of(changeId, line, actor, null,
          ImprovementAction.Source.CHANGE_FEEDBACK.name(), "runbook:" + changeId), actor);
      recorded.add(action.id());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rating", stars);
    details.put("comment", text == null ? "" : text);
    details.put("actions", recorded);
    audit.record(actor, AuditAction.FEEDBACK_ANSWERED, changeId, details);
    return find(changeId).orElseThrow();
  }

  /** The window ended without an answer. */
  @Transactional
  public void expire(String changeId) {
    Instant now = clock.instant();
    int updated = jdbc.sql("UPDATE changegate_feedback SET status = 'EXPIRED', expired_at = ? WHERE change_id = ?"
            + " AND status = 'OPEN'").params(utc(now), changeId).update();
    if (updated > 0) {
      audit.record("changegate", AuditAction.FEEDBACK_EXPIRED, changeId, Map.of("expiredAt", now.toString()));
    }
  }

  /** The usage over the window, measured now (at its end) by the service's query; nothing when none is configured. */
  @Transactional
  public void measureUsage(String changeId) {
    Feedback feedback = find(changeId).orElseThrow(() -> new IllegalStateException("no feedback for " + changeId));
    String query = jdbc.sql("SELECT usage_query FROM changegate_feedback WHERE change_id = ?").param(changeId)
        .query(String.class).optional().orElse(null);
    if (query == null || feedback.usage() != null && feedback.usage().measuredAt() != null) {
      return;
    }
    MetricsPort.Figure figure = metrics.figure(query);
    Instant now = clock.instant();
    Double value = figure.value().isPresent() ? figure.value().getAsDouble() : null;
    jdbc.sql("UPDATE changegate_feedback SET usage_value = ?, usage_detail = ?, usage_measured_at = ?"
            + " WHERE change_id = ?")
        .params(value, abbreviate(figure.source()), utc(now), changeId).update();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("query", query);
    details.put("value", value == null ? "no data" : value);
    details.put("source", figure.source());
    audit.record("changegate", AuditAction.USAGE_MEASURED, changeId, details);
  }

  public Optional<Feedback> find(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_feedback WHERE change_id = ?").param(changeId)
        .query(this::map).optional();
  }

  /** The feedback of the changes completed in {@code [from, to)}, optionally of one service and environment. */
  public List<Feedback> completedBetween(Instant from, Instant to, String service, String environment) {
    StringBuilder sql = new StringBuilder("""
        SELECT f.* FROM changegate_feedback f JOIN changegate_change c ON c.id = f.change_id
        WHERE f.started_at >= ? AND f.started_at < ?""");
    List<Object> params = new ArrayList<>(List.of(utc(from), utc(to)));
    if (service != null) {
      sql.append(" AND c.service = ?");
      params.add(service);
    }
    if (environment != null) {
      sql.append(" AND c.environment = ?");
      params.add(environment);
    }
    sql.append(" ORDER BY f.started_at, f.change_id");
    return jdbc.sql(sql.toString()).params(params).query(this::map).list();
  }

  private String usageQuery(Change change) {
    String template = properties.usageQueryOf(change.service());
    if (template == null) {
      return null;
    }
    return Placeholders.expand(template, Map.of("service", change.service(), "environment", change.environment(),
        "window", properties.window().toSeconds() + "s"));
  }

  private Feedback map(ResultSet rs, int row) throws SQLException {
    String changeId = rs.getString("change_id");
    Instant measured = Columns.instant(rs, "usage_measured_at");
    double value = rs.getDouble("usage_value");
    Double usageValue = rs.wasNull() ? null : value;
    Feedback.Usage usage = rs.getString("usage_query") == null ? null
        : new Feedback.Usage(rs.getString("usage_query"), usageValue, rs.getString("usage_detail"), measured);
    int rating = rs.getInt("rating");
    Integer stars = rs.wasNull() ? null : rating;
    List<String> recorded = jdbc.sql("SELECT id FROM changegate_improvement_action WHERE change_id = ? AND source = ?"
            + " ORDER BY id")
        .params(changeId, ImprovementAction.Source.CHANGE_FEEDBACK.name()).query(String.class).list();
    return new Feedback(changeId, rs.getString("status"), Columns.instant(rs, "started_at"), Columns.instant(rs, "due_at"),
        rs.getString("answered_by"), Columns.instant(rs, "answered_at"), stars, rs.getString("comment"),
        Columns.instant(rs, "expired_at"), recorded, usage);
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
