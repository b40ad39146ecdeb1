package io.changegate.monitoring;

import io.changegate.audit.AuditAction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeProcess;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeStatus;
import io.changegate.monitoring.AlertmanagerNotification.Alert;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on Alertmanager notifications. A firing alert whose labels name a service and an environment rolls back
 * every change VALIDATING there (message {@code AlertFiring}, business key = change id), after recording
 * {@code ALERT_FIRING} on its timeline; each alert, matched or not, is stored in {@code changegate_alert}.
 * Each change is handled in a transaction of its own, so one change that moved on meanwhile does not hold the
 * others back.
 */
@Service
public class AlertService {

  public static final String ACTOR = "alertmanager";
  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
  private static final int ATTEMPTS = 3;

  private final AlertProperties properties;
  private final ChangeRepository changes;
  private final RuntimeService runtime;
  private final AuditTrail audit;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final Clock clock;

  public AlertService(AlertProperties properties, ChangeRepository changes, RuntimeService runtime, AuditTrail audit,
      JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json, MeterRegistry meters, Clock clock) {
    this.clock = clock;
    this.properties = properties;
    this.changes = changes;
    this.runtime = runtime;
    this.audit = audit;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.json = json;
    this.meters = meters;
  }

  public List<AlertOutcome> receive(AlertmanagerNotification notification) {
    Instant receivedAt = clock.instant();
    List<AlertOutcome> outcomes = new ArrayList<>();
    for (Alert alert : notification.alerts()) {
      AlertOutcome outcome = handle(alert);
      store(alert, outcome, receivedAt);
      meters.counter("changegate.alerts", "outcome", outcome.outcome()).increment();
      outcomes.add(outcome);
    }
    return outcomes;
  }

  private AlertOutcome handle(Alert alert) {
    String name = alert.label("alertname");
    String service = alert.label(properties.serviceLabel());
    String environment = alert.label(properties.environmentLabel());
    if ("resolved".equals(alert.status())) {
      return new AlertOutcome(name, alert.status(), service, environment, AlertOutcome.RESOLVED, List.of());
    }
    if (service == null || environment == null) {
      return new AlertOutcome(name, alert.status(), service, environment, AlertOutcome.INCOMPLETE, List.of());
    }
    List<String> rolledBack = new ArrayList<>();
    for (Change change : changes.list(ChangeStatus.VALIDATING, service, environment, 100)) {
      if (rollBack(change.id(), alert)) {
        rolledBack.add(change.id());
      }
    }
    return new AlertOutcome(name, alert.status(), service, environment,
        rolledBack.isEmpty() ? AlertOutcome.UNMATCHED : AlertOutcome.ROLLBACK_TRIGGERED, rolledBack);
  }

  /** Correlates AlertFiring to the change's running deployment; false when it is no longer validating. */
  private boolean rollBack(String changeId, Alert alert) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Boolean.TRUE.equals(transactions.execute(status -> correlate(changeId, alert)));
      } catch (OptimisticLockingException e) {
        // the deployment's own job (a validation round) moved the instance at the same moment: look again
        if (attempt == ATTEMPTS) {
          LOG.warn("alert {} could not be correlated to {} after {} attempts: {}", alert.label("alertname"),
              changeId, ATTEMPTS, e.getMessage());
          return false;
        }
      }
    }
  }

  private Boolean correlate(String changeId, Alert alert) {
    Optional<Change> change = changes.find(changeId);
    if (change.isEmpty() || change.get().status() != ChangeStatus.VALIDATING) {
      return false;
    }
    Optional<ProcessInstance> deployment = runtime.createProcessInstanceQuery().processInstanceBusinessKey(changeId)
        .processDefinitionKey(ChangeProcess.DEPLOYMENT).active().list().stream().findFirst();
    if (deployment.isEmpty()) {
      return false;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("alertname", alert.label("alertname") == null ? "" : alert.label("alertname"));
    details.put("labels", alert.labels());
    details.put("annotations", alert.annotations() == null ? Map.of() : alert.annotations());
    details.put("startsAt", alert.startsAt() == null ? "" : alert.startsAt());
    details.put("fingerprint", alert.fingerprint() == null ? "" : alert.fingerprint());
    details.put("generatorURL", alert.generatorURL() == null ? "" : alert.generatorURL());
    audit.record(ACTOR, AuditAction.ALERT_FIRING, changeId, details);
    runtime.createMessageCorrelation(MonitoringProcess.MESSAGE_ALERT_FIRING)
        .processInstanceId(deployment.get().getId())
        .setVariable(MonitoringProcess.REQUESTED_BY.name(), ACTOR)
        .setVariable(MonitoringProcess.REQUEST_REASON.name(), "alert " + details.get("alertname") + " firing")
        .correlateWithResult();
    return true;
  }

  private void store(Alert alert, AlertOutcome outcome, Instant receivedAt) {
    jdbc.sql("INSERT INTO changegate_alert (received_at, status, alert_name, fingerprint, service, environment,"
            + " starts_at, outcome, change_ids, labels, annotations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(Timestamp.from(receivedAt), alert.status(), cut(outcome.alertName(), 200),
            cut(alert.fingerprint(), 100), cut(outcome.service(), 100), cut(outcome.environment(), 100),
            cut(alert.startsAt(), 40), outcome.outcome(), String.join(",", outcome.changes()),
            cut(write(alert.labels()), 8000), cut(write(alert.annotations() == null ? Map.of() : alert.annotations()), 8000))
        .update();
  }

  /** The most recent alerts received, newest first. */
  public List<Map<String, Object>> recent(int limit) {
    return jdbc.sql("SELECT id, received_at, status, alert_name, fingerprint, service, environment, starts_at,"
            + " outcome, change_ids, labels FROM changegate_alert ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 500)))
        .query((rs, row) -> {
          Map<String, Object> alert = new LinkedHashMap<>();
          alert.put("id", rs.getLong("id"));
          alert.put("receivedAt", rs.getTimestamp("received_at").toInstant());
          alert.put("status", rs.getString("status"));
          alert.put("alertname", rs.getString("alert_name"));
          alert.put("fingerprint", rs.getString("fingerprint"));
          alert.put("service", rs.getString("service"));
          alert.put("environment", rs.getString("environment"));
          alert.put("startsAt", rs.getString("starts_at"));
          alert.put("outcome", rs.getString("outcome"));
          String ids = rs.getString("change_ids");
          alert.put("changes", ids == null || ids.isBlank() ? List.of() : List.of(ids.split(",")));
          alert.put("labels", read(rs.getString("labels")));
          return alert;
        }).list();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the alert's labels", e);
    }
  }

  private Object read(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
