package io.changegate.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one benchmark run does, from system properties (Maven passes {@code -Dname=value} on to the test
 * JVM): {@code ./mvnw -o -Pbenchmark verify -Dbenchmark.changes=500 -Dbenchmark.databases=postgres}.
 *
 * @param warmup changes (and bare instances) run first and not measured
 * @param changes changes (and bare instances) measured
 * @param threads threads that submit changes and start bare instances
 * @param phaseTimeout longest wait for one phase to finish
 * @param databases which of {@code h2} and {@code postgres} to measure
 * @param postgresUrl the database the PostgreSQL run drops, recreates and uses
 * @param postgresUser its user (the same user must be allowed to create databases)
 * @param postgresPassword its password
 * @param demoJar whether to start the packaged jar with {@code -Xmx384m}
 * @param demoJarChanges standard changes submitted over HTTP to the {@code -Xmx384m} jar
 * @param targets deployment targets the changes rotate over; 0 = a target of its own for every change
 * @param slotLimit deployments at once in staging (the application's default: 5)
 * @param intakeRequests {@code POST /api/changes} timed over HTTP (after a tenth as warm-up); 0 = none
 */
record BenchmarkSettings(
    int warmup,
    int changes,
    int threads,
    Duration phaseTimeout,
    Set<String> databases,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    boolean demoJar,
    int demoJarChanges,
    int targets,
    int slotLimit,
    int intakeRequests) {

  static final String H2 = "h2";
  static final String POSTGRES = "postgres";

  /** Targets of the issue, for a 2-core machine. */
  static final double TARGET_POSTGRES_CHANGES_PER_SECOND = 100.0;
  static final double TARGET_RATIO_TO_BARE = 0.5;
  static final long TARGET_SLOT_HOLD_P50_MS = 150;
  static final long TARGET_SLOT_HOLD_P95_MS = 500;
  static final long TARGET_INTAKE_P95_MS = 100;
  static final double TARGET_STARTUP_RATIO = 1.2;
  static final String DEMO_HEAP = "-Xmx384m";

  static BenchmarkSettings fromSystemProperties() {
    return new BenchmarkSettings(
        Integer.getInteger("benchmark.warmup", 200),
        Integer.getInteger("benchmark.changes", 2000),
        Integer.getInteger("benchmark.threads", 4),
        Duration.ofSeconds(Integer.getInteger("benchmark.phase-timeout-seconds", 120)),
        Arrays.stream(System.getProperty("benchmark.databases", H2 + "," + POSTGRES).split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()),
        System.getProperty("benchmark.postgres.url", "jdbc:postgresql://127.0.0.1:5432/changegate_bench"),
        System.getProperty("benchmark.postgres.user", "postgres"),
        System.getProperty("benchmark.postgres.password", ""),
        Boolean.parseBoolean(System.getProperty("benchmark.demo-jar", "true")),
        Math.min(500, Integer.getInteger("benchmark.demo-jar.changes", 200)),
        Integer.getInteger("benchmark.targets", 0),
        Integer.getInteger("benchmark.slot-limit", 5),
        Integer.getInteger("benchmark.intake-requests", 400));
  }

  boolean runs(String database) {
    return databases.contains(database);
  }

  String describe() {
    return ("%d changes and %d bare instances measured after %d of each as warm-up, %d submitting threads; "
        + "each change deploys %s; staging slot limit %d; %d POST /api/changes timed over HTTP")
        .formatted(changes, changes, warmup, threads,
            targets == 0 ? "a target of its own (sandbox on H2, command on PostgreSQL)" : "one of " + targets + " targets", slotLimit,
            intakeRequests);
  }
}
