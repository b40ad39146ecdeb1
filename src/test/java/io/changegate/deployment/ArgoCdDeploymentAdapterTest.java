package io.changegate.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.changegate.deployment.argocd.ArgoCdDeploymentAdapter;
import io.changegate.deployment.argocd.ArgoCdProperties;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import io.changegate.outbound.Placeholders;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The Argo CD adapter against stubs of the Argo CD API: sync, dry run, status mapping, rollback, failures. */
class ArgoCdDeploymentAdapterTest {

  static final String TOKEN = "argo-token-1";
  final FakeArgoCd argo = new FakeArgoCd(TOKEN);
  WireMockServer wiremock;
  ArgoCdDeploymentAdapter adapter;

  static DeploymentOrder order(String version, boolean dryRun) {
    return new DeploymentOrder("CHG-000007", "CHG-000007:web:" + version, DeploymentOrder.Kind.DEPLOY, "web",
        "payments-api", "staging", version, null, dryRun);
  }

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort().extensions(argo));
    wiremock.start();
    wiremock.stubFor(any(urlPathMatching("/api/v1/applications/.*")).willReturn(aResponse().withTransformers(FakeArgoCd.NAME)));
    adapter = adapter(TOKEN);
  }

  ArgoCdDeploymentAdapter adapter(String token) {
    MockEnvironment environment = new MockEnvironment().withProperty("ARGO_TOKEN", token);
    return new ArgoCdDeploymentAdapter(new ArgoCdProperties(URI.create(wiremock.baseUrl()), "ARGO_TOKEN",
        "{target}-{environment}", "{version}", false, Duration.ofSeconds(2)), new Credentials(environment),
        new ObjectMapper());
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  @Test
  void syncsToTheRevisionWithBearerTokenAndReportsTheRolloutUntilHealthy() {
    Release before = adapter.currentRelease("web", "staging").orElseThrow();
    assertThat(before).isEqualTo(new Release("1.0.0", null, "1"));

    DeploymentOutcome outcome = adapter.deploy(order("2.0.0", false));

    assertThat(outcome.succeeded()).isTrue();
    wiremock.verify(postRequestedFor(urlEqualTo("/api/v1/applications/web-staging/sync"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("{\"revision\": \"2.0.0\", \"dryRun\": false, \"prune\": false}", true, true)));
    // a running sync counts as what the target runs: a retried job does not sync again
    assertThat(adapter.currentRelease("web", "staging").orElseThrow().version()).isEqualTo("2.0.0");
    assertThat(adapter.rolloutState(order("2.0.0", false), "web-staging").state()).isEqualTo(RolloutState.HEALTHY);
    assertThat(adapter.history("web", "staging")).contains("\"revision\" : \"2.0.0\"");
  }

  @Test
  void aDegradedApplicationIsReportedAndRolledBackToItsHistoryId() {
    argo.degrade("web-staging", "3.0.0");
    adapter.deploy(order("3.0.0", false));
    adapter.rolloutState(order("3.0.0", false), null);

    assertThat(adapter.rolloutState(order("3.0.0", false), null).state()).isEqualTo(RolloutState.DEGRADED);
    DeploymentOutcome rollback = adapter.rollback(order("3.0.0", false), new Release("1.0.0", null, "1"));

    assertThat(rollback.succeeded()).isTrue();
    wiremock.verify(postRequestedFor(urlEqualTo("/api/v1/applications/web-staging/rollback"))
        .withRequestBody(equalToJson("{\"id\": 1, \"dryRun\": false, \"prune\": false}")));
    DeploymentOrder restoring = order("3.0.0", false).restoring(new Release("1.0.0", null, "1"));
    adapter.rolloutState(restoring, null);
    assertThat(adapter.rolloutState(restoring, null).state()).isEqualTo(RolloutState.HEALTHY);
  }

  @Test
  void anOrderWhoseOperationArgoCdAlreadyHasIsNotSyncedAgainWhateverTheRevisionTemplate() {
    ArgoCdDeploymentAdapter prefixed = new ArgoCdDeploymentAdapter(new ArgoCdProperties(URI.create(wiremock.baseUrl()),
        "ARGO_TOKEN", "{target}-{environment}", "v{version}", false, Duration.ofSeconds(2)),
        new Credentials(new MockEnvironment().withProperty("ARGO_TOKEN", TOKEN)), new ObjectMapper());

    prefixed.deploy(order("2.0.0", false));
    DeploymentOutcome again = prefixed.deploy(order("2.0.0", false));

    assertThat(again.detail()).contains("no second sync");
    wiremock.verify(1, postRequestedFor(urlEqualTo("/api/v1/applications/web-staging/sync")));
  }

  @Test
  void aDryRunUsesArgoCdsDryRunAndChangesNothing() {
    DeploymentOutcome outcome = adapter.deploy(order("2.0.0", true));

    assertThat(outcome.detail()).contains("dry-run", "nothing applied");
    wiremock.verify(postRequestedFor(urlEqualTo("/api/v1/applications/web-staging/sync"))
        .withRequestBody(equalToJson("{\"dryRun\": true}", true, true)));
    assertThat(argo.revisionOf("web-staging")).isEqualTo("1.0.0");
  }

  @Test
  void aRollbackWithoutHistoryIsRefused() {
    assertThat(adapter.rollback(order("2.0.0", false), new Release("1.0.0", null, null)).succeeded()).isFalse();
  }

  @Test
  void aRejectedTokenOrAnUnavailableServerIsATechnicalFailureThatNamesNoSecret() {
    assertThatThrownBy(() -> adapter("wrong-token-123").deploy(order("2.0.0", false)))
        .isInstanceOf(HttpCalls.SystemUnavailableException.class).hasMessageContaining("401")
        .hasMessageNotContaining("wrong-token-123");
    wiremock.stubFor(get(urlEqualTo("/api/v1/applications/down-staging")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> adapter.currentRelease("down", "staging"))
        .isInstanceOf(HttpCalls.SystemUnavailableException.class).hasMessageContaining("503");
    wiremock.stop();
    assertThatThrownBy(() -> adapter.deploy(order("2.0.0", false)))
        .isInstanceOf(HttpCalls.SystemUnavailableException.class);
  }

  @Test
  void aMissingTokenIsATechnicalFailure() {
    ArgoCdDeploymentAdapter unconfigured = new ArgoCdDeploymentAdapter(new ArgoCdProperties(
        URI.create(wiremock.baseUrl()), "NOT_SET", "{target}-{environment}", "{version}", false, Duration.ofSeconds(2)),
        new Credentials(new MockEnvironment()), new ObjectMapper());
    assertThatThrownBy(() -> unconfigured.deploy(order("2.0.0", false))).hasMessageContaining("'NOT_SET' is not configured");
  }

  @Test
  void anUnsafeTargetNameReachesNoUrl() {
    DeploymentOrder unsafe = new DeploymentOrder("CHG-000007", "k", DeploymentOrder.Kind.DEPLOY, "x/../../admin",
        "payments-api", "staging", "1", null, false);
    assertThatThrownBy(() -> adapter.deploy(unsafe)).isInstanceOf(Placeholders.UnsafeValueException.class);
    wiremock.verify(0, postRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void promotesTheTargetsArgoRolloutThroughArgoCdsResourceActionOnlyWhenOneIsConfigured() {
    MockEnvironment environment = new MockEnvironment().withProperty("ARGO_TOKEN", TOKEN);
    ArgoCdDeploymentAdapter withRollout = new ArgoCdDeploymentAdapter(new ArgoCdProperties(
        URI.create(wiremock.baseUrl()), "ARGO_TOKEN", "{target}-{environment}", "{version}", false,
        Duration.ofSeconds(2), new ArgoCdProperties.Rollout("{target}", "{service}", "resume")),
        new Credentials(environment), new ObjectMapper());
    wiremock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(
        "/api/v1/applications/web-staging/resource/actions")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody("{}")));

    DeploymentOutcome promoted = withRollout.promote(order("2.0.0", false));

    assertThat(promoted.succeeded()).as(promoted.detail()).isTrue();
    assertThat(promoted.detail()).contains("resume", "payments-api/web");
    wiremock.verify(postRequestedFor(urlPathEqualTo("/api/v1/applications/web-staging/resource/actions"))
        .withQueryParam("namespace", equalTo("payments-api")).withQueryParam("resourceName", equalTo("web"))
        .withQueryParam("group", equalTo("argoproj.io")).withQueryParam("version", equalTo("v1alpha1"))
        .withQueryParam("kind", equalTo("Rollout")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalTo("\"resume\"")));

    // without a Rollout configured, the sync already took the traffic: no call
    DeploymentOutcome nothing = adapter.promote(order("2.0.0", false));
    assertThat(nothing.succeeded()).isTrue();
    assertThat(nothing.detail()).contains("nothing to promote");
    wiremock.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/applications/web-staging/resource/actions")));

    // Argo CD refusing the action (no such Rollout) is a refusal, not a retry
    wiremock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(
        "/api/v1/applications/web-production/resource/actions")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"no Rollout web\"}")));
    DeploymentOutcome refused = withRollout.promote(new DeploymentOrder("CHG-000008", "k", DeploymentOrder.Kind.DEPLOY,
        "web", "payments-api", "production", "2.0.0", null, false));
    assertThat(refused.succeeded()).isFalse();
    assertThat(refused.detail()).contains("400", "no Rollout web");
  }
}
