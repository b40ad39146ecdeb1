package io.changegate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who used the CPU during a phase (Linux {@code /proc}): this JVM, the database's server processes that
 * served it, and everything else. A benchmark on a shared 2-core machine is only as good as the share of
 * the machine it had; the report says when other processes took a noticeable part.
 */
final class CpuAccounting {

  /** {@code /proc} counts in clock ticks of USER_HZ, 100 on every common Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuAccounting() {}

  /** Cores used on average during a phase, by whom; {@code NaN} where /proc is not available. */
  record Cores(double changegate, double database, double other) {

    static final Cores UNKNOWN = new Cores(Double.NaN, Double.NaN, Double.NaN);

    boolean disturbed() {
      return other > 0.25;
    }
  }

  record Snapshot(long nanoTime, long machineBusyTicks, Map<Long, Long> ticksByPid) {}

  static Snapshot snapshot() {
    long now = System.nanoTime();
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(cpu[i]);
        }
      }
      Map<Long, Long> ticks = new HashMap<>();
      try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
        processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
            .forEach(p -> {
              long t = processTicks(p);
              if (t >= 0) {
                ticks.put(Long.parseLong(p.getFileName().toString()), t);
              }
            });
      }
      return new Snapshot(now, busy, ticks);
    } catch (IOException | RuntimeException e) {
      return new Snapshot(now, -1, Map.of());
    }
  }

  /** Cores used between two snapshots; {@code databasePids} are the server processes of the benchmark. */
  static Cores between(Snapshot from, Snapshot to, Set<Long> databasePids) {
    if (from.machineBusyTicks() < 0 || to.machineBusyTicks() < 0) {
      return Cores.UNKNOWN;
    }
    double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
    long self = ProcessHandle.current().pid();
    long own = delta(from, to, self);
    long database = databasePids.stream().mapToLong(pid -> delta(from, to, pid)).sum();
    long machine = to.machineBusyTicks() - from.machineBusyTicks();
    double scale = TICKS_PER_SECOND * seconds;
    return new Cores(own / scale, database / scale, Math.max(0, machine - own - database) / scale);
  }

  private static long delta(Snapshot from, Snapshot to, long pid) {
    Long end = to.ticksByPid().get(pid);
    return end == null ? 0 : end - from.ticksByPid().getOrDefault(pid, 0L);
  }

  /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat, after the command in parentheses). */
  private static long processTicks(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }
}
