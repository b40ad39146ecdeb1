package io.changegate.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the monitoring system recorded around a deployment: each configured metric's series over {@code [from, to]}
 * at {@code step} (a Prometheus range query), with the query that produced it. {@code source} names the system
 * ({@code prometheus}, or {@code sandbox (simulated)}: never a measurement).
 */
public record MetricsSnapshot(String source, Instant from, Instant to, Duration step, List<Series> series) {

  /** One series: the metric's name (error-rate, latency-p95-ms, requests), its query, labels and samples. */
  public record Series(String metric, String query, Map<String, String> labels, List<Sample> samples) {}

  /** A sample: when, and the value as the system wrote it (NaN and ±Inf kept as text). */
  public record Sample(Instant at, String value) {}
}
