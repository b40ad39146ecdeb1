package io.changegate.delivery.demo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a synthetic delivery history straight into Changegate's tables (changes, their origin, deployments and
 * incidents) for the demo and the benchmarks: per service a profile of how often it deploys, how long its changes
 * take, how often they fail and how fast it recovers. Each change says it is synthetic (requester
 * {@code demo-history}, title prefix {@code [demo history]}); none has a timeline or process instance. Each change's
 * {@code first_deployed_at} is its deploy call's time, as {@code DeploymentRecords} keeps it.
 */
public final class SyntheticHistory {

  public static final String REQUESTER = "demo-history";

  /** How a service delivers: deployments a week, median lead time, failure share, recovery and emergency share. */
  public record Profile(String service, String team, double deploymentsPerWeek, double leadTimeHours,
      double failureRate, double recoveryHours, double emergencyShare) {}

  private final JdbcTemplate jdbc;
  private final Supplier<String> ids;
  private final Random random;

  public SyntheticHistory(JdbcTemplate jdbc, Supplier<String> ids, long seed) {
    this.jdbc = jdbc;
    this.ids = ids;
    this.random = new Random(seed);
  }

  /** Writes {@code days} days of production deployments up to {@code end} per profile; returns how many. */
  public int write(List<Profile> profiles, Instant end, int days) {
    List<Object[]> changes = new ArrayList<>();
    List<Object[]> origins = new ArrayList<>();
    List<Object[]> deployments = new ArrayList<>();
    List<Object[]> incidents = new ArrayList<>();
    Instant start = end.minus(Duration.ofDays(days));
    for (Profile p : profiles) {
      double meanGapHours = 168d / p.deploymentsPerWeek();
      Instant at = start.plus(hours(meanGapHours * random.nextDouble()));
      while (at.isBefore(end)) {
        String id = ids.get();
        boolean emergency = random.nextDouble() < p.emergencyShare();
        boolean failed = random.nextDouble() < p.failureRate();
        boolean rolledBack = failed && random.nextBoolean();
        double lead = p.leadTimeHours() * Math.exp(random.nextGaussian() * 0.5);
        Instant commit = at.minus(hours(lead));
        Instant created = commit.plus(hours(Math.min(lead / 2, 1 + random.nextDouble())));
        boolean withCommit = random.nextDouble() < 0.8;
        String status = rolledBack ? "ROLLED_BACK" : "COMPLETED";
        changes.add(new Object[] {id, "[demo history] " + p.service() + " release", p.service(), "production",
            emergency, status, emergency ? "EMERGENCY" : p.deploymentsPerWeek() >= 7 ? "STANDARD" : "NORMAL",
            ts(created), ts(at.plus(Duration.ofMinutes(20))), ts(at)});
        origins.add(new Object[] {id, p.team(), withCommit ? sha() : null, withCommit ? ts(commit) : null});
        deployments.add(new Object[] {id + ":" + p.service() + ":DEPLOY", id, p.service(), p.service(), ts(at)});
        if (failed && !rolledBack) {
          Instant opened = at.plus(Duration.ofMinutes(5 + random.nextInt(60)));
          incidents.add(new Object[] {id + ":INCIDENT", id, "INC-" + id.substring(4), ts(opened)});
          // the fix forward: an emergency change when the recovery is due before the next regular deployment
          Instant fixed = at.plus(hours(p.recoveryHours() * Math.exp(random.nextGaussian() * 0.4)));
          if (fixed.isBefore(end) && Duration.between(at, fixed).toHours() < meanGapHours) {
            String fix = ids.get();
            changes.add(new Object[] {fix, "[demo history] " + p.service() + " hotfix", p.service(), "production",
                true, "COMPLETED", "EMERGENCY", ts(fixed.minus(Duration.ofMinutes(30))), ts(fixed), ts(fixed)});
            origins.add(new Object[] {fix, p.team(), sha(), ts(fixed.minus(Duration.ofMinutes(45)))});
            deployments.add(new Object[] {fix + ":" + p.service() + ":DEPLOY", fix, p.service(), p.service(),
                ts(fixed)});
          }
        }
        at = at.plus(hours(meanGapHours * (0.5 + random.nextDouble())));
      }
    }
    jdbc.batchUpdate("""
        INSERT INTO changegate_change (id, title, service, environment, impact, urgency, regulated, security_relevant,
          emergency, targets, dry_run, requester, status, change_type, created_at, updated_at, first_deployed_at)
        VALUES (?, ?, ?, ?, 'LOW', 'LOW', FALSE, FALSE, ?, '[]', FALSE, 'demo-history', ?, ?, ?, ?, ?)""", changes);
    jdbc.batchUpdate("INSERT INTO changegate_change_origin (change_id, team, commit_sha, commit_time) VALUES (?, ?, ?, ?)",
        origins);
    jdbc.batchUpdate("""
        INSERT INTO changegate_deployment (idempotency_key, change_id, target_name, adapter, service, environment,
          version, result, dry_run, deployed_at, kind)
        VALUES (?, ?, ?, 'sandbox', ?, 'production', '1.0.0', 'DEPLOYED', FALSE, ?, 'DEPLOY')""", deployments);
    jdbc.batchUpdate("""
        INSERT INTO changegate_incident (idempotency_key, change_id, kind, system, reference, summary, opened_at)
        VALUES (?, ?, 'ROLLBACK', 'sandbox', ?, '[demo history] errors after the release', ?)""", incidents);
    return changes.size();
  }

  private String sha() {
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  private static Duration hours(double hours) {
    return Duration.ofSeconds((long) (hours * 3600));
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
