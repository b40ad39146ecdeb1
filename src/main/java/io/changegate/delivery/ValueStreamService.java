package io.changegate.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The value stream of changes from the engine's history: wait and work time per stage and per group, the bottlenecks,
 * and the manual touchpoints. Per change, the steps of one stage add up (a rollout polled ten times is one rollout);
 * the figures are the median and p90 over the changes that passed the stage.
 */
@Service
public class ValueStreamService {

  private final StepHistory history;

  public ValueStreamService(StepHistory history) {
    this.history = history;
  }

  @Transactional(readOnly = true)
  public ValueStreamReport report(DeliveryFilter filter, Period period) {
    return report(filter, period, history.steps(period.from(), period.to()));
  }

  /** The report of these steps (those of other services, teams or environments are left out). */
  public ValueStreamReport report(DeliveryFilter filter, Period period, List<Step> all) {
    List<Step> steps = all.stream().filter(s -> matches(filter, s) && s.end() != null && period.contains(s.end()))
        .toList();
    Map<String, Map<String, double[]>> byStage = new TreeMap<>();
    Map<String, Map<String, double[]>> byGroup = new TreeMap<>();
    Map<String, Integer> stageSteps = new HashMap<>();
    Map<String, Integer> groupSteps = new HashMap<>();
    Map<String, String> typeOf = new HashMap<>();
    Map<String, Integer> humanTasks = new HashMap<>();
    for (Step step : steps) {
      typeOf.putIfAbsent(step.changeId(), step.changeType() == null ? "UNCLASSIFIED" : step.changeType());
      if (step.humanTask()) {
        humanTasks.merge(step.changeId(), 1, Integer::sum);
      }
      String stage = ValueStreamStage.of(step);
      if (stage == null) {
        continue;
      }
      double[] waitWork = waitWork(step);
      add(byStage, stage, step.changeId(), waitWork);
      stageSteps.merge(stage, 1, Integer::sum);
      if (step.humanTask() && step.group() != null) {
        add(byGroup, step.group(), step.changeId(), waitWork);
        groupSteps.merge(step.group(), 1, Integer::sum);
      }
    }
    List<ValueStreamReport.StageFigures> stages = figures(byStage, stageSteps);
    List<ValueStreamReport.StageFigures> ranked = new ArrayList<>(stages);
    ranked.sort(Comparator.comparing((ValueStreamReport.StageFigures f) -> f.totalMedianHours()).reversed()
        .thenComparing(Comparator.comparing((ValueStreamReport.StageFigures f) -> f.totalP90Hours()).reversed())
        .thenComparing(ValueStreamReport.StageFigures::name));
    List<ValueStreamReport.StageFigures> withRank = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      ValueStreamReport.StageFigures f = ranked.get(i);
      withRank.add(new ValueStreamReport.StageFigures(f.name(), f.changes(), f.steps(), f.waitMedianHours(),
          f.waitP90Hours(), f.workMedianHours(), f.workP90Hours(), f.totalMedianHours(), f.totalP90Hours(), i + 1));
    }
    return new ValueStreamReport(period.from(), period.to(), period.zone().getId(), filter.service(), filter.team(),
        filter.environment(), typeOf.size(), withRank, figures(byGroup, groupSteps),
        withRank.stream().limit(3).map(ValueStreamReport.StageFigures::name).toList(),
        touchpoints(typeOf, humanTasks));
  }

  private static boolean matches(DeliveryFilter filter, Step step) {
    return (filter.service() == null || filter.service().equals(step.service()))
        && (filter.team() == null || filter.team().equals(step.team()))
        && (filter.environment() == null || filter.environment().equals(step.environment()));
  }

  /** Hours waited and worked in one step. */
  static double[] waitWork(Step step) {
    double total = hours(Duration.between(step.start(), step.end()));
    if (step.humanTask()) {
      if (step.claimed() == null || step.claimed().isAfter(step.end())) {
        return new double[] {total, 0};
      }
      double waited = hours(Duration.between(step.start(), step.claimed()));
      return new double[] {waited, total - waited};
    }
    return ValueStreamStage.waits(step) ? new double[] {total, 0} : new double[] {0, total};
  }

  private static void add(Map<String, Map<String, double[]>> into, String name, String changeId, double[] waitWork) {
    double[] sum = into.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(changeId, k -> new double[2]);
    sum[0] += waitWork[0];
    sum[1] += waitWork[1];
  }

  private static List<ValueStreamReport.StageFigures> figures(Map<String, Map<String, double[]>> byName,
      Map<String, Integer> steps) {
    List<ValueStreamReport.StageFigures> figures = new ArrayList<>();
    byName.forEach((name, perChange) -> {
      List<Double> waits = new ArrayList<>();
      List<Double> works = new ArrayList<>();
      List<Double> totals = new ArrayList<>();
      for (double[] ww : perChange.values()) {
        waits.add(ww[0]);
        works.add(ww[1]);
        totals.add(ww[0] + ww[1]);
      }
      waits.sort(null);
      works.sort(null);
      totals.sort(null);
      figures.add(new ValueStreamReport.StageFigures(name, perChange.size(), steps.getOrDefault(name, 0),
          Stats.round(Stats.median(waits)), Stats.round(Stats.percentile(waits, 90)),
          Stats.round(Stats.median(works)), Stats.round(Stats.percentile(works, 90)),
          Stats.round(Stats.median(totals)), Stats.round(Stats.percentile(totals, 90)), null));
    });
    return figures;
  }

  private static List<ValueStreamReport.Touchpoints> touchpoints(Map<String, String> typeOf,
      Map<String, Integer> humanTasks) {
    Map<String, List<String>> byType = new TreeMap<>();
    typeOf.forEach((change, type) -> byType.computeIfAbsent(type, k -> new ArrayList<>()).add(change));
    List<ValueStreamReport.Touchpoints> result = new ArrayList<>();
    byType.forEach((type, changes) -> {
      int tasks = 0;
      int none = 0;
      Set<String> seen = new HashSet<>(changes);
      for (String change : seen) {
        int n = humanTasks.getOrDefault(change, 0);
        tasks += n;
        if (n == 0) {
          none++;
        }
      }
      result.add(new ValueStreamReport.Touchpoints(type, seen.size(), tasks,
          Stats.round(seen.isEmpty() ? null : tasks / (double) seen.size()), none, Stats.percent(none, seen.size())));
    });
    return result;
  }

  private static double hours(Duration duration) {
    return duration.toMillis() / 3_600_000d;
  }
}
