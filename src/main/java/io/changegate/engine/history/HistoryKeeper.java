package io.changegate.engine.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's history of a change for its time to live after the change ended, while the engine stamps each
 * history row with its removal time as it writes it ({@code historyRemovalTimeStrategy: start}: the top-level process
 * instance's start + its definition's time to live, copied onto every row of the hierarchy).
 *
 * <p>Why not the engine's {@code end} strategy, which gives exactly that: it writes the removal time onto every history
 * row of the change when its top-level instance ends, a second write of each row (a third of all row operations of a
 * standard change, in the transaction that also ends it; docs/benchmarks.md). With {@code start} two cases need this
 * keeper, which runs every {@code changegate.history.keeper-interval}:
 * <ul>
 *   <li>a top-level instance that still runs and whose removal time is less than {@code margin} away (a change
 *   planned far ahead, a long review): its removal time is cleared, for the whole hierarchy, so the nightly cleanup
 *   never removes the history of a running change. Rows written after that get no removal time either (the engine
 *   copies the top-level instance's);</li>
 *   <li>a top-level instance that ended within {@code margin} and ran longer than {@code tolerance}, or whose removal
 *   time was cleared: its whole hierarchy gets end + time to live.</li>
 * </ul>
 * A change that ran shorter than {@code tolerance} (a standard change: seconds) keeps start + time to live, at most that
 * much earlier than its end + time to live. A change that was running when the strategy changed (written with
 * {@code end}: no removal time yet) gets no removal time from the engine when it ends; the second case gives it one. Both are the engine's own removal-time batches ({@code hierarchical}),
 * run by the job executor.
 */
@Component
public class HistoryKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryKeeper.class);

  private final HistoryService history;
  private final ManagementService management;
  private final RepositoryService repository;
  private final HistoryRetentionProperties properties;

  public HistoryKeeper(HistoryService history, ManagementService management, RepositoryService repository,
      HistoryRetentionProperties properties) {
    this.history = history;
    this.management = management;
    this.repository = repository;
    this.properties = properties;
  }

  /** What one run did: top-level instances whose removal time was cleared, and those given end + time to live. */
  public record Kept(List<String> cleared, Map<String, Instant> extended) {}

  public Kept keep() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> cleared = clearRunningNearRemoval(now);
    Map<String, Instant> extended = extendLongRunningThatEnded(now);
    if (!cleared.isEmpty() || !extended.isEmpty()) {
      LOG.info("History kept: removal time cleared for {} running and set to end + time to live for {} ended top-level"
          + " process instances", cleared.size(), extended.size());
    }
    return new Kept(cleared, extended);
  }

  private List<String> clearRunningNearRemoval(Instant now) {
    List<String> ids = history.createNativeHistoricProcessInstanceQuery()
        .sql("SELECT * FROM " + table() + " WHERE ID_ = ROOT_PROC_INST_ID_ AND END_TIME_ IS NULL"
            + " AND REMOVAL_TIME_ IS NOT NULL AND REMOVAL_TIME_ < #{before}")
        .parameter("before", Date.from(now.plus(properties.margin())))
        .list().stream().map(HistoricProcessInstance::getId).toList();
    for (List<String> batch : batches(ids)) {
      history.setRemovalTimeToHistoricProcessInstances().clearedRemovalTime().byIds(batch.toArray(String[]::new))
          .hierarchical().executeAsync();
    }
    return ids;
  }

  private Map<String, Instant> extendLongRunningThatEnded(Instant now) {
    List<HistoricProcessInstance> ended = history.createNativeHistoricProcessInstanceQuery()
        .sql("SELECT * FROM " + table() + " WHERE ID_ = ROOT_PROC_INST_ID_ AND END_TIME_ >= #{since}"
            + " AND (REMOVAL_TIME_ IS NULL OR DURATION_ > #{tolerance})")
        .parameter("since", Date.from(now.minus(properties.margin())))
        .parameter("tolerance", properties.tolerance().toMillis())
        .list();
    Map<Instant, List<String>> byRemovalTime = new TreeMap<>();
    Map<String, Instant> extended = new TreeMap<>();
    for (HistoricProcessInstance instance : ended) {
      Integer days = timeToLiveDays(instance.getProcessDefinitionId());
      if (days == null) {
        continue; // no time to live (the engine gives none either) or no definition any more
      }
      // rounded up to the next midnight (UTC): one batch per day of ends, never earlier than end + time to live
      Instant wanted = instance.getEndTime().toInstant().plus(Duration.ofDays(days))
          .truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
      Date current = instance.getRemovalTime();
      if (current != null && !current.toInstant().isBefore(wanted.minus(properties.tolerance()))) {
        continue; // already (about) end + time to live
      }
      byRemovalTime.computeIfAbsent(wanted, t -> new ArrayList<>()).add(instance.getId());
      extended.put(instance.getId(), wanted);
    }
    byRemovalTime.forEach((removalTime, ids) -> batches(ids).forEach(batch -> history
        .setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(Date.from(removalTime))
        .byIds(batch.toArray(String[]::new)).hierarchical().executeAsync()));
    return extended;
  }

  /** The definition's time to live in days; null: none, or the definition is gone (its history keeps what it has). */
  private Integer timeToLiveDays(String processDefinitionId) {
    try {
      ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
      return definition.getHistoryTimeToLive();
    } catch (ProcessEngineException definitionDeleted) {
      return null;
    }
  }

  private String table() {
    return management.getTableName(HistoricProcessInstance.class);
  }

  private static List<List<String>> batches(List<String> ids) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      batches.add(ids.subList(i, Math.min(ids.size(), i + 500)));
    }
    return batches;
  }
}
