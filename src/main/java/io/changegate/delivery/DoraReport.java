package io.changegate.delivery;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/metrics/dora}: the DORA figures of the deployments that match the filter in the period, overall and
 * per group ({@code groupBy}: service, team or environment), each key with its tier from {@code dora-tiers}, the gap to
 * the next tier, the overall tier (the lowest of the rated keys) and the key that holds the group back; and a trend
 * (per week for periods up to 92 days, else per month) for the charts.
 */
public record DoraReport(
    Instant from,
    Instant to,
    String zone,
    String service,
    String team,
    String environment,
    String groupBy,
    Summary overall,
    List<Summary> groups,
    List<TrendPoint> trend) {

  /** One key's value in its unit and where it stands in the maturity model. */
  public record KeyResult(String key, String unit, Double value, String tier, String nextTier, Double nextTierBound,
      String comparison, Double gap, String rule) {}

  /** The figures of one group (or of everything: group {@code all}) with their tiers. */
  public record Summary(String group, DoraFigures figures, List<KeyResult> keys, String tier, String heldBackBy) {}

  /** One bucket of the trend: its first day, its bounds and its figures. */
  public record TrendPoint(String bucket, Instant from, Instant to, DoraFigures figures) {}
}
