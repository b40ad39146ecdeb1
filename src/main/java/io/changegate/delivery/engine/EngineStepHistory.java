package io.changegate.delivery.engine;

import io.changegate.delivery.Step;
import io.changegate.delivery.StepHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of changes from the engine's history (history level full): every task, timer and catch event that ended
 * in the period; the change from the business key of its process instance; the claim from the assignee log; the group
 * a user task was for from Changegate's task records ({@code changegate_task}), the change's service, environment,
 * type and team from the change store.
 */
@Component
class EngineStepHistory implements StepHistory {

  private static final int CHUNK = 500;
  private static final Set<String> STEP_TYPES = Set.of("userTask", "serviceTask", "businessRuleTask", "sendTask",
      "receiveTask", "intermediateTimer", "intermediateMessageCatch", "intermediateSignalCatch",
      "intermediateConditional");

  private final HistoryService history;
  private final JdbcClient jdbc;

  EngineStepHistory(HistoryService history, JdbcClient jdbc) {
    this.history = history;
    this.jdbc = jdbc;
  }

  private record Facts(String service, String team, String environment, String type) {}

  @Override
  public List<Step> steps(Instant from, Instant to) {
    List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery().finished()
        .finishedAfter(Date.from(from.minusMillis(1))).finishedBefore(Date.from(to)).list().stream()
        .filter(a -> STEP_TYPES.contains(a.getActivityType())).toList();
    if (activities.isEmpty()) {
      return List.of();
    }
    Map<String, String> changeOf = businessKeys(activities);
    Map<String, Facts> facts = facts(new HashSet<>(changeOf.values()));
    Set<String> taskIds = new HashSet<>();
    Date earliest = null;
    for (HistoricActivityInstance a : activities) {
      if (a.getTaskId() != null) {
        taskIds.add(a.getTaskId());
        earliest = earliest == null || a.getStartTime().before(earliest) ? a.getStartTime() : earliest;
      }
    }
    Map<String, Instant> claims = claims(taskIds, earliest, to);
    Map<String, String> groups = groups(taskIds);
    List<Step> steps = new ArrayList<>();
    for (HistoricActivityInstance a : activities) {
      String change = changeOf.get(a.getProcessInstanceId());
      Facts f = change == null ? null : facts.get(change);
      if (f == null) {
        continue;
      }
      steps.add(new Step(change, f.service(), f.team(), f.environment(), f.type(), a.getActivityId(),
          a.getActivityType(), a.getTaskId() == null ? null : groups.get(a.getTaskId()), a.getStartTime().toInstant(),
          a.getTaskId() == null ? null : claims.get(a.getTaskId()), a.getEndTime().toInstant()));
    }
    return steps;
  }

  private Map<String, String> businessKeys(List<HistoricActivityInstance> activities) {
    List<String> ids = activities.stream().map(HistoricActivityInstance::getProcessInstanceId).distinct().toList();
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      Set<String> chunk = new HashSet<>(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
      for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceIds(chunk).list()) {
        if (p.getBusinessKey() != null) {
          keys.put(p.getId(), p.getBusinessKey());
        }
      }
    }
    return keys;
  }

  private Map<String, Facts> facts(Set<String> changeIds) {
    Map<String, Facts> facts = new HashMap<>();
    List<String> ids = new ArrayList<>(changeIds);
    for (int i = 0; i < ids.size(); i += CHUNK) {
      jdbc.sql("""
              SELECT c.id, c.service, c.environment, c.change_type, o.team FROM changegate_change c
              LEFT JOIN changegate_change_origin o ON o.change_id = c.id WHERE c.id IN (:ids)""")
          .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
          .query(rs -> {
            facts.put(rs.getString("id"), new Facts(rs.getString("service"), rs.getString("team"),
                rs.getString("environment"), rs.getString("change_type")));
          });
    }
    return facts;
  }

  /** When each task was first given to someone (its claim). */
  private Map<String, Instant> claims(Set<String> taskIds, Date earliest, Instant to) {
    Map<String, Instant> claims = new HashMap<>();
    if (taskIds.isEmpty()) {
      return claims;
    }
    for (HistoricIdentityLinkLog log : history.createHistoricIdentityLinkLogQuery().type(IdentityLinkType.ASSIGNEE)
        .operationType("add").dateAfter(new Date(earliest.getTime() - 1)).dateBefore(Date.from(to)).list()) {
      if (taskIds.contains(log.getTaskId())) {
        claims.merge(log.getTaskId(), log.getTime().toInstant(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return claims;
  }

  /** The (first) candidate group each task was created for. */
  private Map<String, String> groups(Set<String> taskIds) {
    Map<String, String> groups = new HashMap<>();
    List<String> ids = new ArrayList<>(taskIds);
    for (int i = 0; i < ids.size(); i += CHUNK) {
      jdbc.sql("SELECT task_id, candidate_groups FROM changegate_task WHERE task_id IN (:ids)")
          .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
          .query(rs -> {
            String candidates = rs.getString("candidate_groups");
            if (candidates != null && !candidates.isBlank()) {
              groups.put(rs.getString("task_id"), candidates.split(",")[0]);
            }
          });
    }
    return groups;
  }
}
