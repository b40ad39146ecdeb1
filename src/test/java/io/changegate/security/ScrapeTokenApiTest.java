package io.changegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} needs the scrape token (test profile: {@code TEST_SCRAPE_TOKEN}) as a bearer token,
 * or an administrator; health stays public.
 */
@ChangegateIntegrationTest
class ScrapeTokenApiTest {

  @LocalServerPort int port;

  private Http.Response metricsWith(String authorization) {
    Http anonymous = Http.anonymous(port);
    var request = anonymous.request("/actuator/prometheus");
    return anonymous.send(authorization == null ? request.GET() : request.header("Authorization", authorization).GET());
  }

  @Test
  void prometheusScrapesWithItsBearerTokenAndNobodyElseButAnAdministrator() {
    Http.Response anonymous = metricsWith(null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(anonymous.body()).doesNotContain("changegate_");
    assertThat(metricsWith("Bearer wrong-token").status()).isEqualTo(401);
    assertThat(metricsWith("Bearer " + Http.SCRAPE_TOKEN + "x").status()).isEqualTo(401);
    assertThat(metricsWith("Basic " + java.util.Base64.getEncoder().encodeToString(
        ("prometheus:" + Http.SCRAPE_TOKEN).getBytes())).status()).as("the token is no password").isEqualTo(401);
    assertThat(Http.as(port, "ops-engineer").get("/actuator/prometheus").status()).isEqualTo(403);

    Http.Response scraped = Http.metrics(port);
    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    assertThat(Http.as(port, "admin").get("/actuator/prometheus").status()).isEqualTo(200);
  }

  @Test
  void healthStaysPublicAndTheScrapeTokenOpensNothingElse() {
    assertThat(Http.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
    Http anonymous = Http.anonymous(port);
    Http.Response env = anonymous.send(anonymous.request("/actuator/env")
        .header("Authorization", "Bearer " + Http.SCRAPE_TOKEN).GET());
    assertThat(env.status()).isIn(401, 403, 404);
    Http.Response api = anonymous.send(anonymous.request("/api/changes")
        .header("Authorization", "Bearer " + Http.SCRAPE_TOKEN).GET());
    assertThat(api.status()).isEqualTo(401);
  }
}
