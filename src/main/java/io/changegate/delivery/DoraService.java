package io.changegate.delivery;

import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * DORA keys over any period, per service, team and environment, from Changegate's stored changes, rated by the
 * maturity model ({@code dora-tiers}).
 */
@Service
public class DoraService {

  /** How far around the period neighbours are read: the deployment before one, its fix or rollback after it. */
  static final Duration NEIGHBOURS = Duration.ofDays(30);
  /** The group of deployments whose team is not known. */
  public static final String NO_TEAM = "unassigned";

  private final DeliveryHistory history;
  private final MaturityModel model;
  private final DeliveryProperties settings;
  private final Clock clock;

  public DoraService(DeliveryHistory history, MaturityModel model, DeliveryProperties settings, Clock clock) {
    this.history = history;
    this.model = model;
    this.settings = settings;
    this.clock = clock;
  }

  /** What grouping a report may ask for. */
  public enum GroupBy {
    SERVICE(Deployment::service), TEAM(d -> d.team() == null ? NO_TEAM : d.team()), ENVIRONMENT(Deployment::environment);

    final Function<Deployment, String> key;

    GroupBy(Function<Deployment, String> key) {
      this.key = key;
    }

    static GroupBy parse(String text) {
      if (text == null || text.isBlank()) {
        return SERVICE;
      }
      for (GroupBy g : values()) {
        if (g.name().equalsIgnoreCase(text)) {
          return g;
        }
      }
      throw new InvalidRequestException("Invalid query",
          List.of(new FieldError("groupBy", "must be service, team or environment")));
    }
  }

  /** The period a request asks for (problem+json for a bad one). */
  public Period period(String from, String to, String zone) {
    return Period.parse(from, to, zone, settings, clock);
  }

  /** The filter a request asks for; without an environment, the configured default (production). */
  public DeliveryFilter filter(String service, String team, String environment) {
    return new DeliveryFilter(blankToNull(service), blankToNull(team),
        environment == null || environment.isBlank() ? settings.defaultEnvironment() : environment);
  }

  @Transactional(readOnly = true)
  public DoraReport report(DeliveryFilter filter, Period period, String groupBy) {
    GroupBy grouping = GroupBy.parse(groupBy);
    return report(filter, period, grouping, assessed(filter, period));
  }

  /** The report of deployments already read and assessed ({@link #assessed}): the Excel report reads them once. */
  public DoraReport report(DeliveryFilter filter, Period period, String groupBy,
      List<DoraCalculator.Assessed> assessed) {
    return report(filter, period, GroupBy.parse(groupBy), assessed);
  }

  private DoraReport report(DeliveryFilter filter, Period period, GroupBy grouping,
      List<DoraCalculator.Assessed> assessed) {
    DoraCalculator calculator = calculator();
    DoraReport.Summary overall = summary("all", calculator.figuresOf(period, assessed));
    Map<String, List<DoraCalculator.Assessed>> byGroup = new TreeMap<>();
    for (DoraCalculator.Assessed a : assessed) {
      byGroup.computeIfAbsent(grouping.key.apply(a.deployment()), k -> new ArrayList<>()).add(a);
    }
    if (filter.service() != null && grouping == GroupBy.SERVICE) {
      byGroup.putIfAbsent(filter.service(), List.of());
    }
    List<DoraReport.Summary> groups = new ArrayList<>();
    byGroup.forEach((group, rows) -> groups.add(summary(group, calculator.figuresOf(period, rows))));
    return new DoraReport(period.from(), period.to(), period.zone().getId(), filter.service(), filter.team(),
        filter.environment(), grouping.name().toLowerCase(java.util.Locale.ROOT), overall, groups,
        trend(period, assessed));
  }

  /** The deployments of the period with what the figures found about each (raw rows of the Excel report). */
  @Transactional(readOnly = true)
  public List<DoraCalculator.Assessed> assessed(DeliveryFilter filter, Period period) {
    List<Deployment> deployments = history.deployments(filter, period.from().minus(NEIGHBOURS),
        period.to().plus(NEIGHBOURS));
    return calculator().assess(period, deployments);
  }

  private DoraCalculator calculator() {
    return new DoraCalculator(settings.emergencyFixWindow());
  }

  private List<DoraReport.TrendPoint> trend(Period period, List<DoraCalculator.Assessed> assessed) {
    boolean weekly = period.days() <= 92;
    LocalDate first = LocalDate.ofInstant(period.from(), period.zone());
    first = weekly ? first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : first.withDayOfMonth(1);
    LocalDate lastDay = LocalDate.ofInstant(period.to().minusNanos(1), period.zone());
    DoraCalculator calculator = calculator();
    List<LocalDate> starts = new ArrayList<>();
    List<Period> buckets = new ArrayList<>();
    for (LocalDate start = first; !start.isAfter(lastDay); start = weekly ? start.plusWeeks(1) : start.plusMonths(1)) {
      LocalDate end = weekly ? start.plusDays(6) : start.plusMonths(1).minusDays(1);
      Period bucket = Period.ofDays(start, end, period.zone());
      // a bucket cut by the period counts only its days inside the period
      Instant from = bucket.from().isBefore(period.from()) ? period.from() : bucket.from();
      Instant to = bucket.to().isAfter(period.to()) ? period.to() : bucket.to();
      double days = bucket.days() * (Duration.between(from, to).toMillis() / (double) Duration.between(bucket.from(),
          bucket.to()).toMillis());
      starts.add(start);
      buckets.add(new Period(from, to, period.zone(), days));
    }
    // each deployment into the bucket holding it, in one pass (in the order given)
    List<List<DoraCalculator.Assessed>> rows = new ArrayList<>();
    buckets.forEach(b -> rows.add(new ArrayList<>()));
    for (DoraCalculator.Assessed a : assessed) {
      for (int b = 0; b < buckets.size(); b++) {
        if (buckets.get(b).contains(a.deployment().deployedAt())) {
          rows.get(b).add(a);
          break; // the buckets do not overlap
        }
      }
    }
    List<DoraReport.TrendPoint> points = new ArrayList<>();
    for (int b = 0; b < buckets.size(); b++) {
      Period inside = buckets.get(b);
      points.add(new DoraReport.TrendPoint(starts.get(b).toString(), inside.from(), inside.to(),
          calculator.figuresOf(inside, rows.get(b))));
    }
    return points;
  }

  private DoraReport.Summary summary(String group, DoraFigures figures) {
    List<DoraReport.KeyResult> keys = new ArrayList<>();
    DoraReport.KeyResult worst = null;
    int worstRank = Integer.MAX_VALUE;
    double worstShare = -1;
    for (DoraKey key : DoraKey.values()) {
      Double value = figures.value(key);
      Tier tier = value == null ? Tier.UNRATED : model.tier(key, value);
      DoraReport.KeyResult result = new DoraReport.KeyResult(key.id(), key.unit(), value, tier.tier(),
          tier.nextTier(), tier.nextTierBound(), tier.comparison(), tier.gap(), tier.rule());
      keys.add(result);
      if (!tier.rated()) {
        continue;
      }
      // the key in the lowest tier holds the group back; among equals, the one farthest from its next tier
      double share = tier.gap() == null || tier.nextTierBound() == null || tier.nextTierBound() == 0 ? 0
          : tier.gap() / tier.nextTierBound();
      if (tier.rank() < worstRank || tier.rank() == worstRank && share > worstShare) {
        worst = result;
        worstRank = tier.rank();
        worstShare = share;
      }
    }
    return new DoraReport.Summary(group, figures, keys, worst == null ? null : worst.tier(),
        worst == null || worst.nextTier() == null ? null : worst.key());
  }


  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
