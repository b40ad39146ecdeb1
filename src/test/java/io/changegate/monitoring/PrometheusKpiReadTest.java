package io.changegate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.monitoring.prometheus.PrometheusMetricsAdapter;
import io.changegate.monitoring.prometheus.PrometheusProperties;
import io.changegate.outbound.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * A change's KPI read through the Prometheus adapter from a real Prometheus (the Debian binary; skipped without it,
 * failed in CI): the value of the PromQL at the instant asked for (Prometheus' {@code time} parameter) — a scraped
 * series now, nothing before Prometheus ran (no data, never an invented value) — and a query Prometheus refuses throws.
 */
class PrometheusKpiReadTest {

  @Test
  void aKpiIsTheQuerysValueAtTheInstantAskedFor() {
    PrometheusServer.assumeInstalled();
    Instant beforePrometheus = Instant.now().minus(Duration.ofHours(1));
    try (MetricsTarget target = new MetricsTarget(); PrometheusServer prometheus = PrometheusServer.start(target.port())) {
      target.serve("shop", "production", "1.0.0", 0.0, 0.05);
      prometheus.awaitData("http_requests_total{service=\"shop\"}", Duration.ofSeconds(30));
      PrometheusMetricsAdapter adapter = new PrometheusMetricsAdapter(new PrometheusProperties(prometheus.url(), null,
          Duration.ofSeconds(5), "5m", new PrometheusProperties.Queries("", "", ""), Map.of()),
          new Credentials(new MockEnvironment()), new ObjectMapper(), Clock.systemUTC());

      MetricsPort.Reading now = adapter.read("sum(up{job=\"changegate-test-target\"})", Instant.now());
      assertThat(now.value()).isEqualTo(1.0);
      assertThat(now.source()).isEqualTo("prometheus: sum(up{job=\"changegate-test-target\"})");
      assertThat(adapter.read("scalar(vector(42))", beforePrometheus).value()).isEqualTo(42.0);
      MetricsPort.Reading before = adapter.read("sum(up{job=\"changegate-test-target\"})", beforePrometheus);
      assertThat(before.value()).as("no samples an hour before Prometheus started").isNull();
      assertThatThrownBy(() -> adapter.read("sum(up", Instant.now())).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refused the query");
    }
  }
}
