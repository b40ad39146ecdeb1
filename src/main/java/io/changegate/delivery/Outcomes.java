package io.changegate.delivery;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What changes achieved: their KPIs before and after the deployment and their A/B experiments, recorded per change
 * and put side by side with how each deployment went (the outcomes report).
 */
@Service
public class Outcomes {

  private final JdbcClient jdbc;
  private final ChangeService changes;
  private final DoraService dora;
  private final AuditTrail audit;
  private final Validator validator;
  private final Clock clock;
  private final KpiMeasurements measurements;

  public Outcomes(JdbcClient jdbc, ChangeService changes, DoraService dora, AuditTrail audit, Validator validator,
      Clock clock, KpiMeasurements measurements) {
    this.measurements = measurements;
    this.jdbc = jdbc;
    this.changes = changes;
    this.dora = dora;
    this.audit = audit;
    this.validator = validator;
    this.clock = clock;
  }

  /**
   * One KPI of a change: its values and whether it improved (null while a value is missing or it did not move), and
   * for a KPI with PromQL the measurements Changegate planned and took ({@code BEFORE} at the deployment,
   * {@code AFTER} 72 hours later).
   */
  public record KpiResult(String name, String unit, String better, String promql, Double before, Double after,
      Boolean improved, List<KpiMeasurements.Measurement> measurements) {}

  /** A change's outcomes. */
  public record ChangeOutcomes(String changeId, List<KpiResult> kpis, String experiment, String verdict) {}

  /** A deployment of the period with how it went and what it achieved. */
  public record Row(String changeId, String service, String team, Instant deployedAt, String failure,
      Double leadTimeHours, List<KpiResult> kpis, String experiment, String verdict) {}

  @Transactional
  public ChangeOutcomes record(String changeId, OutcomesRequest request, String actor) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<OutcomesRequest> v : validator.validate(request)) {
      errors.add(new FieldError(v.getPropertyPath().toString().replace(".<list element>", ""), v.getMessage()));
    }
    if ((request.kpis() == null || request.kpis().isEmpty()) && request.experiment() == null) {
      errors.add(new FieldError("kpis", "name at least one KPI or an experiment"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid outcomes", errors);
    }
    Change change = changes.get(changeId);
    Instant now = clock.instant();
    Map<String, Object> details = new LinkedHashMap<>();
    if (request.kpis() != null) {
      for (OutcomesRequest.Kpi kpi : request.kpis()) {
        jdbc.sql("DELETE FROM changegate_change_kpi WHERE change_id = ? AND name = ?")
            .params(change.id(), kpi.name().strip()).update();
        jdbc.sql("""
                INSERT INTO changegate_change_kpi (change_id, name, unit, better, promql, before_value, after_value,
                  updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(change.id(), kpi.name().strip(), kpi.unit(), kpi.better(), kpi.promql(), kpi.before(), kpi.after(),
                actor, now.atOffset(ZoneOffset.UTC))
            .update();
        details.put("kpi:" + kpi.name().strip(), kpi.before() + " -> " + kpi.after());
      }
    }
    if (request.experiment() != null) {
      jdbc.sql("DELETE FROM changegate_change_experiment WHERE change_id = ?").param(change.id()).update();
      jdbc.sql("""
              INSERT INTO changegate_change_experiment (change_id, reference, verdict, updated_by, updated_at)
              VALUES (?, ?, ?, ?, ?)""")
          .params(change.id(), request.experiment().reference().strip(), request.experiment().verdict(), actor,
              now.atOffset(ZoneOffset.UTC))
          .update();
      details.put("experiment", request.experiment().reference().strip());
      details.put("verdict", request.experiment().verdict());
    }
    audit.record(actor, AuditAction.OUTCOMES_RECORDED, change.id(), details);
    return of(change.id());
  }

  public ChangeOutcomes of(String changeId) {
    changes.get(changeId);
    Map<String, List<KpiResult>> kpis = kpis(List.of(changeId));
    Map<String, String[]> experiments = experiments(List.of(changeId));
    String[] experiment = experiments.get(changeId);
    return new ChangeOutcomes(changeId, kpis.getOrDefault(changeId, List.of()),
        experiment == null ? null : experiment[0], experiment == null ? null : experiment[1]);
  }

  /** Every deployment of the period with its failure and lead time beside its KPIs and experiment. */
  @Transactional(readOnly = true)
  public List<Row> report(DeliveryFilter filter, Period period) {
    List<DoraCalculator.Assessed> assessed = dora.assessed(filter, period);
    List<String> ids = assessed.stream().map(a -> a.deployment().changeId()).toList();
    Map<String, List<KpiResult>> kpis = kpis(ids);
    Map<String, String[]> experiments = experiments(ids);
    List<Row> rows = new ArrayList<>();
    for (DoraCalculator.Assessed a : assessed) {
      Deployment d = a.deployment();
      String[] experiment = experiments.get(d.changeId());
      rows.add(new Row(d.changeId(), d.service(), d.team(), d.deployedAt(),
          a.failure() == null ? null : a.failure().name(), a.leadTimeHours(), kpis.getOrDefault(d.changeId(), List.of()),
          experiment == null ? null : experiment[0], experiment == null ? null : experiment[1]));
    }
    return rows;
  }

  private Map<String, List<KpiResult>> kpis(List<String> ids) {
    Map<String, List<KpiResult>> result = new HashMap<>();
    Map<String, List<KpiMeasurements.Measurement>> measured = measurements.of(ids);
    for (int i = 0; i < ids.size(); i += 500) {
      jdbc.sql("SELECT * FROM changegate_change_kpi WHERE change_id IN (:ids) ORDER BY change_id, name")
          .param("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
          .query(rs -> {
            Double before = (Double) rs.getObject("before_value", Double.class);
            Double after = (Double) rs.getObject("after_value", Double.class);
            String better = rs.getString("better");
            Boolean improved = before == null || after == null || before.equals(after) ? null
                : "HIGHER".equals(better) == after > before;
            result.computeIfAbsent(rs.getString("change_id"), k -> new ArrayList<>()).add(new KpiResult(
                rs.getString("name"), rs.getString("unit"), better, rs.getString("promql"), before, after, improved,
                measured.getOrDefault(rs.getString("change_id") + "\n" + rs.getString("name"), List.of())));
          });
    }
    return result;
  }

  private Map<String, String[]> experiments(List<String> ids) {
    Map<String, String[]> result = new HashMap<>();
    for (int i = 0; i < ids.size(); i += 500) {
      jdbc.sql("SELECT change_id, reference, verdict FROM changegate_change_experiment WHERE change_id IN (:ids)")
          .param("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
          .query(rs -> {
            result.put(rs.getString("change_id"), new String[] {rs.getString("reference"), rs.getString("verdict")});
          });
    }
    return result;
  }
}
