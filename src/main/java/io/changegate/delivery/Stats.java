package io.changegate.delivery;

import java.util.List;

/** Median and percentiles as the reports use them. */
final class Stats {

  private Stats() {}

  /** The median of sorted values (the mean of the two middle ones for an even count); null for none. */
  static Double median(List<Double> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return null;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2d;
  }

  /** The nearest-rank percentile of sorted values: the smallest value at or above {@code p} percent of them. */
  static Double percentile(List<Double> sorted, int p) {
    int n = sorted.size();
    if (n == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100d * n);
    return sorted.get(Math.max(0, Math.min(n, rank) - 1));
  }

  /** As {@link #median(List)}, of the first {@code n} values of a sorted array. */
  static Double median(double[] sorted, int n) {
    if (n == 0) {
      return null;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2d;
  }

  /** As {@link #percentile(List, int)}, of the first {@code n} values of a sorted array. */
  static Double percentile(double[] sorted, int n, int p) {
    if (n == 0) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100d * n);
    return sorted[Math.max(0, Math.min(n, rank) - 1)];
  }

  static Double round(Double value) {
    return value == null ? null : Math.round(value * 1000d) / 1000d;
  }

  static Double percent(int part, int whole) {
    return whole == 0 ? null : round(100d * part / whole);
  }
}
