package io.changegate.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** The deployments of one service to one environment, one after the other. */
  private record Stream(String service, String environment) {}

  public DoraFigures figures(Period period, List<Deployment> deployments) {
    return figuresOf(period, assess(period, deployments));
  }

  /** Each deployment in the period with its failure, lead time, recovery and rework, oldest first. */
  public List<Assessed> assess(Period period, List<Deployment> deployments) {
    List<Deployment> ordered = new ArrayList<>(deployments);
    ordered.sort(Deployment.OLDEST_FIRST);
    int n = ordered.size();
    // each stream (service and environment) as the positions of its deployments in ordered, oldest first
    Map<Stream, List<Integer>> byStream = new HashMap<>();
    for (int k = 0; k < n; k++) {
      Deployment d = ordered.get(k);
      byStream.computeIfAbsent(new Stream(d.service(), d.environment()), key -> new ArrayList<>()).add(k);
    }
    Failure[] failures = new Failure[n];
    Double[] recoveries = new Double[n];
    boolean[] reworks = new boolean[n];
    for (List<Integer> stream : byStream.values()) {
      for (int i = 0; i < stream.size(); i++) {
        Deployment next = i + 1 < stream.size() ? ordered.get(stream.get(i + 1)) : null;
        failures[stream.get(i)] = failureOf(ordered.get(stream.get(i)), next);
      }
      for (int i = 0; i < stream.size(); i++) {
        int at = stream.get(i);
        Deployment d = ordered.get(at);
        if (failures[at] != null) {
          recoveries[at] = recoveryHours(d, ordered, stream, i, failures);
        }
        boolean fixForward = i > 0 && failures[stream.get(i - 1)] != null
            && !ordered.get(stream.get(i - 1)).rolledBack();
        reworks[at] = d.emergency() || fixForward;
      }
    }
    List<Assessed> assessed = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Deployment d = ordered.get(k);
      if (!period.contains(d.deployedAt())) {
        continue;
      }
      Duration lead = Duration.between(d.leadTimeStart(), d.deployedAt());
      assessed.add(new Assessed(d, true, failures[k], lead.isNegative() ? 0d : hours(lead), d.commitTime() != null,
          recoveries[k], reworks[k]));
    }
    return assessed;
  }

  public DoraFigures figuresOf(Period period, List<Assessed> assessed) {
    int n = assessed.size();
    double[] leadTimes = new double[n];
    double[] recoveryTimes = new double[n];
    int recovered = 0;
    int fromCommit = 0;
    int[] causes = new int[Failure.values().length];
    int failures = 0;
    int unrecovered = 0;
    int rework = 0;
    for (int k = 0; k < n; k++) {
      Assessed a = assessed.get(k);
      leadTimes[k] = a.leadTimeHours();
      if (a.leadTimeFromCommit()) {
        fromCommit++;
      }
      if (a.failure() != null) {
        failures++;
        causes[a.failure().ordinal()]++;
        if (a.recoveryHours() == null) {
          unrecovered++;
        } else {
          recoveryTimes[recovered++] = a.recoveryHours();
        }
      }
      if (a.rework()) {
        rework++;
      }
    }
    Arrays.sort(leadTimes);
    Arrays.sort(recoveryTimes, 0, recovered);
    String basis = n == 0 ? null : fromCommit == n ? "COMMIT" : fromCommit == 0 ? "CHANGE_CREATION" : "MIXED";
    double perWeek = period.weeks() <= 0 ? 0 : n / period.weeks();
    return new DoraFigures(n, Stats.round(period.days()), Stats.round(perWeek),
        Stats.round(Stats.median(leadTimes, n)), Stats.round(Stats.percentile(leadTimes, n, 90)), basis, fromCommit,
        n - fromCommit, failures, causes[Failure.ROLLED_BACK.ordinal()], causes[Failure.FAILED.ordinal()],
        causes[Failure.INCIDENT_LINKED.ordinal()], causes[Failure.EMERGENCY_FIX.ordinal()],
        Stats.percent(failures, n), Stats.round(Stats.median(recoveryTimes, recovered)),
        Stats.round(Stats.percentile(recoveryTimes, recovered, 90)), recovered, unrecovered, rework,
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
  private static Double recoveryHours(Deployment d, List<Deployment> ordered, List<Integer> stream, int index,
      Failure[] failures) {
    if (d.rolledBackAt() != null) {
      return hours(Duration.between(d.deployedAt(), d.rolledBackAt()));
    }
    for (int j = index + 1; j < stream.size(); j++) {
      if (failures[stream.get(j)] == null) {
        return hours(Duration.between(d.deployedAt(), ordered.get(stream.get(j)).deployedAt()));
      }
    }
    return null;
  }

  private static double hours(Duration duration) {
    return duration.toMillis() / 3_600_000d;
  }
}
