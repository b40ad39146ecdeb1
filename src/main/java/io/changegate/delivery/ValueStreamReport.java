package io.changegate.delivery;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/metrics/value-stream}: where a change's time goes. Per stage and per group, over the changes whose
 * steps ended in the period, the wait and work time per change (hours: median and p90), the stages ranked as
 * bottlenecks (by median wait + work per change, then p90), and the manual touchpoints per change type.
 */
public record ValueStreamReport(
    Instant from,
    Instant to,
    String zone,
    String service,
    String team,
    String environment,
    int changes,
    List<StageFigures> stages,
    List<StageFigures> groups,
    List<String> bottlenecks,
    List<Touchpoints> touchpoints) {

  /** One stage (or group): how many changes passed it, their wait and work per change in hours. */
  public record StageFigures(String name, int changes, int steps, Double waitMedianHours, Double waitP90Hours,
      Double workMedianHours, Double workP90Hours, Double totalMedianHours, Double totalP90Hours, Integer rank) {}

  /** Human tasks per change of a type, and the share of those changes that needed none. */
  public record Touchpoints(String changeType, int changes, int humanTasks, Double humanTasksPerChange,
      int withoutHumanTask, Double shareWithoutHumanTask) {}
}
