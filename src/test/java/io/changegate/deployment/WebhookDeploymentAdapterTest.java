package io.changegate.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.changegate.deployment.webhook.WebhookDeploymentAdapter;
import io.changegate.deployment.webhook.WebhookProperties;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import io.changegate.rollback.incident.IncidentLink;
import io.changegate.rollback.incident.IncidentProperties;
import io.changegate.rollback.incident.IncidentReport;
import io.changegate.rollback.incident.WebhookIncidentAdapter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The deployment webhook and the ITSM incident webhook against stubs. */
class WebhookDeploymentAdapterTest {

  WireMockServer wiremock;
  WebhookDeploymentAdapter adapter;
  final MockEnvironment environment = new MockEnvironment().withProperty("HOOK_TOKEN", "hook-token-3")
      .withProperty("ITSM_TOKEN", "itsm-token-4");

  static final DeploymentOrder ORDER = new DeploymentOrder("CHG-000009", "CHG-000009:web:sha256:" + "a".repeat(64),
      DeploymentOrder.Kind.DEPLOY, "web", "payments-api", "staging", "1.4.3", "sha256:" + "a".repeat(64), false);

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    adapter = adapter(null);
  }

  WebhookDeploymentAdapter adapter(String statusUrl) {
    return new WebhookDeploymentAdapter(new WebhookProperties(URI.create(wiremock.baseUrl() + "/deploy"), "HOOK_TOKEN",
        statusUrl, wiremock.baseUrl() + "/releases/{target}/{environment}", Duration.ofSeconds(2)),
        new Credentials(environment), new ObjectMapper());
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  @Test
  void postsTheChangeWithItsIdempotencyKeyAndPollsTheStatusUrlItNames() {
    wiremock.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"statusUrl\": \"/status/77\"}")));
    wiremock.stubFor(get(urlEqualTo("/status/77")).willReturn(okJson("{\"state\": \"DEGRADED\", \"detail\": \"5xx up\"}")));

    DeploymentOutcome outcome = adapter.deploy(ORDER);

    assertThat(outcome.succeeded()).isTrue();
    wiremock.verify(postRequestedFor(urlEqualTo("/deploy"))
        .withHeader("Idempotency-Key", equalTo(ORDER.idempotencyKey()))
        .withHeader("Authorization", equalTo("Bearer hook-token-3"))
        .withRequestBody(equalToJson("{\"action\": \"deploy\", \"changeId\": \"CHG-000009\", \"service\": \"payments-api\","
            + " \"environment\": \"staging\", \"target\": \"web\", \"artifact\": {\"version\": \"1.4.3\"},"
            + " \"idempotencyKey\": \"" + ORDER.idempotencyKey() + "\"}", true, true)));
    Rollout rollout = adapter.rolloutState(ORDER, outcome.externalRef());
    assertThat(rollout.state()).isEqualTo(RolloutState.DEGRADED);
    assertThat(rollout.detail()).contains("5xx up");
  }

  @Test
  void withoutAStatusUrlTheAcceptedCallIsTheRollout() {
    wiremock.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(200)));
    DeploymentOutcome outcome = adapter.deploy(ORDER);
    assertThat(adapter.rolloutState(ORDER, outcome.externalRef()).state()).isEqualTo(RolloutState.HEALTHY);
  }

  @Test
  void whatRunsComesFromTheReleaseUrl() {
    wiremock.stubFor(get(urlEqualTo("/releases/web/staging")).willReturn(okJson("{\"version\": \"1.4.2\"}")));
    assertThat(adapter.currentRelease("web", "staging")).contains(new Release("1.4.2", null, null));
    assertThat(adapter.currentRelease("api", "staging")).isEmpty(); // 404
    assertThat(adapter.seesReleases()).isTrue();
    // without a release URL its empty answer is "unknown": a rollback is then made, never skipped
    WebhookDeploymentAdapter blind = new WebhookDeploymentAdapter(new WebhookProperties(
        URI.create(wiremock.baseUrl() + "/deploy"), "HOOK_TOKEN", null, null, Duration.ofSeconds(2)),
        new Credentials(environment), new ObjectMapper());
    assertThat(blind.seesReleases()).isFalse();
  }

  @Test
  void aClientErrorIsARefusalAndAServerErrorATechnicalFailure() {
    wiremock.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(422).withBody("unknown service")));
    assertThat(adapter.deploy(ORDER)).satisfies(o -> {
      assertThat(o.succeeded()).isFalse();
      assertThat(o.detail()).contains("422", "unknown service");
    });
    wiremock.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> adapter.deploy(ORDER)).isInstanceOf(HttpCalls.SystemUnavailableException.class);
  }

  @Test
  void aDryRunShowsTheBodyAndSendsNothing() {
    DeploymentOutcome outcome = adapter.deploy(new DeploymentOrder("CHG-000009", "k", DeploymentOrder.Kind.DEPLOY,
        "web", "payments-api", "staging", "1.4.3", null, true));
    assertThat(outcome.detail()).contains("would POST", "\"target\":\"web\"", "nothing sent");
    wiremock.verify(0, postRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aStatusUrlOnAnotherHostIsNotFollowed() {
    wiremock.stubFor(post(urlEqualTo("/deploy")).willReturn(okJson("{\"statusUrl\": \"http://169.254.169.254/latest\"}")));
    assertThatThrownBy(() -> adapter.deploy(ORDER)).hasMessageContaining("outside");
  }

  @Test
  void theItsmWebhookOpensAnIncidentWithItsKeyAndToken() {
    wiremock.stubFor(post(urlEqualTo("/incidents")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"INC-7\", \"url\": \"https://itsm/INC-7\"}")));
    WebhookIncidentAdapter itsm = new WebhookIncidentAdapter(new IncidentProperties("webhook",
        new IncidentProperties.Webhook(URI.create(wiremock.baseUrl() + "/incidents"), "ITSM_TOKEN",
            Duration.ofSeconds(2))), new Credentials(environment), new ObjectMapper());

    IncidentLink link = itsm.open(new IncidentReport("CHG-000009", "CHG-000009:ROLLBACK", "ROLLBACK", "major",
        "rolled back", "validation failed", "payments-api", "staging", false));

    assertThat(link).isEqualTo(new IncidentLink("webhook", "INC-7", "https://itsm/INC-7"));
    wiremock.verify(postRequestedFor(urlEqualTo("/incidents")).withHeader("Idempotency-Key", equalTo("CHG-000009:ROLLBACK"))
        .withHeader("Authorization", equalTo("Bearer itsm-token-4"))
        .withRequestBody(equalToJson("{\"changeId\": \"CHG-000009\", \"severity\": \"major\"}", true, true)));
    // a dry run opens nothing
    itsm.open(new IncidentReport("CHG-000010", "CHG-000010:ROLLBACK", "ROLLBACK", "major", "t", "d", "s", "e", true));
    wiremock.verify(1, postRequestedFor(urlEqualTo("/incidents")));
  }
}
