package io.changegate.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the DORA figures of the deployments in a period, from Changegate's own records. The deployments given may
 * reach before and after the period: those outside it are only neighbours (the deployment before one, the fix after
 * one) and are never counted.
 *
 * <ul>
 *   <li>deployment frequency: deployments in the period per week ({@code days / 7}, days counted in the period's time
 *   zone);</li>
 *   <li>lead time for changes: from the commit time the pipeline sent (else the change's creation) to the deployment;
 *   median and p90;</li>
 *   <li>change failure rate: deployments rolled back, failed, with a linked incident, or followed within the
 *   emergency-fix window by an emergency change to the same service and environment, over all deployments;</li>
 *   <li>failed-deployment recovery time: from the failed deployment to its rollback, else to the next deployment of
 *   the same service and environment that did not fail (a fix forward); a failure without either is unrecovered;</li>
 *   <li>deployment rework rate: deployments that were unplanned — emergency changes, and fixes forward of the failed
 *   deployment before them — over all deployments.</li>
 * </ul>
 */
public final class DoraCalculator {

  private final Duration emergencyFixWindow;

  public DoraCalculator(Duration emergencyFixWindow) {
    this.emergencyFixWindow = emergencyFixWindow;
  }

  /** Why a deployment counts as failed; null when it did not fail. */
  public enum Failure { ROLLED_BACK, FAILED, INCIDENT_LINKED, EMERGENCY_FIX }

  /** A deployment with what the figures found about it (the raw rows of the Excel report). */
  public record Assessed(Deployment deployment, boolean inPeriod, Failure failure, Double leadTimeHours,
      boolean leadTimeFromCommit, Double recoveryHours, boolean rework) {}

  public DoraFigures figures(Period period, List<Deployment> deployments) {
    return figuresOf(period, assess(period, deployments));
  }

  /** Each deployment in the period with its failure, lead time, recovery and rework, oldest first. */
  public List<Assessed> assess(Period period, List<Deployment> deployments) {
    List<Deployment> ordered = new ArrayList<>(deployments);
    ordered.sort(Comparator.comparing(Deployment::deployedAt).thenComparing(Deployment::changeId));
    Map<String, List<Deployment>> byStream = new HashMap<>();
    for (Deployment d : ordered) {
      byStream.computeIfAbsent(d.service() + "\u0000" + d.environment(), k -> new ArrayList<>()).add(d);
    }
    Map<String, Failure> failures = new HashMap<>();
    Map<String, Double> recoveries = new HashMap<>();
    Map<String, Boolean> reworks = new HashMap<>();
    for (List<Deployment> stream : byStream.values()) {
      for (int i = 0; i < stream.size(); i++) {
        Deployment d = stream.get(i);
        Deployment next = i + 1 < stream.size() ? stream.get(i + 1) : null;
        failures.put(d.changeId(), failureOf(d, next));
      }
      for (int i = 0; i < stream.size(); i++) {
        Deployment d = stream.get(i);
        Failure failure = failures.get(d.changeId());
        if (failure != null) {
          recoveries.put(d.changeId(), recoveryHours(d, stream, i, failures));
        }
        Deployment previous = i > 0 ? stream.get(i - 1) : null;
        boolean fixForward = previous != null && failures.get(previous.changeId()) != null
            && !previous.rolledBack();
        reworks.put(d.changeId(), d.emergency() || fixForward);
      }
    }
    List<Assessed> assessed = new ArrayList<>();
    for (Deployment d : ordered) {
      if (!period.contains(d.deployedAt())) {
        continue;
      }
      Duration lead = Duration.between(d.leadTimeStart(), d.deployedAt());
      assessed.add(new Assessed(d, true, failures.get(d.changeId()),
          lead.isNegative() ? 0d : hours(lead), d.commitTime() != null, recoveries.get(d.changeId()),
          reworks.get(d.changeId())));
    }
    return assessed;
  }

  public DoraFigures figuresOf(Period period, List<Assessed> assessed) {
    int n = assessed.size();
    List<Double> leadTimes = new ArrayList<>();
    List<Double> recoveryTimes = new ArrayList<>();
    int fromCommit = 0;
    int[] causes = new int[Failure.values().length];
    int failures = 0;
    int unrecovered = 0;
    int rework = 0;
    for (Assessed a : assessed) {
      leadTimes.add(a.leadTimeHours());
      if (a.leadTimeFromCommit()) {
        fromCommit++;
      }
      if (a.failure() != null) {
        failures++;
        causes[a.failure().ordinal()]++;
        if (a.recoveryHours() == null) {
          unrecovered++;
        } else {
          recoveryTimes.add(a.recoveryHours());
        }
      }
      if (a.rework()) {
        rework++;
      }
    }
    leadTimes.sort(null);
    recoveryTimes.sort(null);
    String basis = n == 0 ? null : fromCommit == n ? "COMMIT" : fromCommit == 0 ? "CHANGE_CREATION" : "MIXED";
    double perWeek = period.weeks() <= 0 ? 0 : n / period.weeks();
    return new DoraFigures(n, Stats.round(period.days()), Stats.round(perWeek), Stats.round(Stats.median(leadTimes)),
        Stats.round(Stats.percentile(leadTimes, 90)), basis, fromCommit, n - fromCommit, failures,
        causes[Failure.ROLLED_BACK.ordinal()], causes[Failure.FAILED.ordinal()],
        causes[Failure.INCIDENT_LINKED.ordinal()], causes[Failure.EMERGENCY_FIX.ordinal()],
        Stats.percent(failures, n), Stats.round(Stats.median(recoveryTimes)),
        Stats.round(Stats.percentile(recoveryTimes, 90)), recoveryTimes.size(), unrecovered, rework,
        Stats.percent(rework, n));
  }

  private Failure failureOf(Deployment d, Deployment next) {
    if (d.rolledBack()) {
      return Failure.ROLLED_BACK;
    }
    if (d.failed()) {
      return Failure.FAILED;
    }
    if (d.incidentAt() != null) {
      return Failure.INCIDENT_LINKED;
    }
    if (next != null && next.emergency()
        && Duration.between(d.deployedAt(), next.deployedAt()).compareTo(emergencyFixWindow) <= 0) {
      return Failure.EMERGENCY_FIX;
    }
    return null;
  }

  /** To the rollback, else to the next deployment of the stream that did not fail; null when neither happened. */
  private static Double recoveryHours(Deployment d, List<Deployment> stream, int index, Map<String, Failure> failures) {
    if (d.rolledBackAt() != null) {
      return hours(Duration.between(d.deployedAt(), d.rolledBackAt()));
    }
    for (int j = index + 1; j < stream.size(); j++) {
      Deployment later = stream.get(j);
      if (failures.get(later.changeId()) == null) {
        return hours(Duration.between(d.deployedAt(), later.deployedAt()));
      }
    }
    return null;
  }

  private static double hours(Duration duration) {
    return duration.toMillis() / 3_600_000d;
  }
}
