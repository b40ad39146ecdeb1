package io.changegate.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.changegate.deployment.jenkins.JenkinsDeploymentAdapter;
import io.changegate.deployment.jenkins.JenkinsProperties;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The Jenkins adapter against stubs of Jenkins' remote access API: buildWithParameters answers 201 with the
 * queue item in Location; the queue item names the build once it started; the build's result is the rollout.
 */
class JenkinsDeploymentAdapterTest {

  WireMockServer wiremock;
  JenkinsDeploymentAdapter adapter;

  static final DeploymentOrder ORDER = new DeploymentOrder("CHG-000042", "CHG-000042:web:1.4.3",
      DeploymentOrder.Kind.DEPLOY, "web", "payments-api", "production", "1.4.3", null, false);

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    adapter = new JenkinsDeploymentAdapter(new JenkinsProperties(URI.create(wiremock.baseUrl()), "changegate",
        "JENKINS_TOKEN", "deploy-{target}", "rollback-{target}", "migrate-{target}", "migrate-rollback-{target}",
        Duration.ofSeconds(2)), new Credentials(new MockEnvironment().withProperty("JENKINS_TOKEN", "api-token-9")),
        new ObjectMapper());
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  @Test
  void triggersABuildWithParametersAndFollowsQueueItemAndBuildToItsResult() {
    wiremock.stubFor(post(urlEqualTo("/job/deploy-web/buildWithParameters")).willReturn(aResponse().withStatus(201)
        .withHeader("Location", wiremock.baseUrl() + "/queue/item/17/")));
    wiremock.stubFor(get(urlEqualTo("/queue/item/17/api/json")).inScenario("queue")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"id\": 17, \"why\": \"Waiting for next available executor\"}"))
        .willSetStateTo("started"));
    wiremock.stubFor(get(urlEqualTo("/queue/item/17/api/json")).inScenario("queue").whenScenarioStateIs("started")
        .willReturn(okJson("{\"id\": 17, \"cancelled\": false, \"executable\": {\"number\": 5, \"url\": \""
            + wiremock.baseUrl() + "/job/deploy-web/5/\"}}")));
    wiremock.stubFor(get(urlEqualTo("/job/deploy-web/5/api/json")).inScenario("build").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"number\": 5, \"building\": true, \"result\": null}")).willSetStateTo("done"));
    wiremock.stubFor(get(urlEqualTo("/job/deploy-web/5/api/json")).inScenario("build").whenScenarioStateIs("done")
        .willReturn(okJson("{\"number\": 5, \"building\": false, \"result\": \"SUCCESS\"}")));

    DeploymentOutcome outcome = adapter.deploy(ORDER);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.externalRef()).isEqualTo(wiremock.baseUrl() + "/queue/item/17/");
    wiremock.verify(postRequestedFor(urlEqualTo("/job/deploy-web/buildWithParameters"))
        .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
            .encodeToString("changegate:api-token-9".getBytes(StandardCharsets.UTF_8))))
        .withRequestBody(containing("VERSION=1.4.3")).withRequestBody(containing("ENVIRONMENT=production"))
        .withRequestBody(containing("IDEMPOTENCY_KEY=CHG-000042-web-1.4.3")));
    assertThat(adapter.rolloutState(ORDER, outcome.externalRef()).state()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(adapter.rolloutState(ORDER, outcome.externalRef()).state()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(adapter.rolloutState(ORDER, outcome.externalRef()).state()).isEqualTo(RolloutState.HEALTHY);
  }

  @Test
  void whatRunsIsTheNewestSuccessfulBuildForTheEnvironment() {
    wiremock.stubFor(get(urlPathEqualTo("/job/deploy-web/api/json")).willReturn(okJson("""
        {"builds": [
          {"number": 9, "result": "FAILURE", "building": false, "actions": [{"parameters": [
            {"name": "ENVIRONMENT", "value": "production"}, {"name": "VERSION", "value": "1.4.4"}]}]},
          {"number": 8, "result": "SUCCESS", "building": false, "actions": [{"parameters": [
            {"name": "ENVIRONMENT", "value": "staging"}, {"name": "VERSION", "value": "1.4.3"}]}]},
          {"number": 7, "result": "SUCCESS", "building": false, "actions": [{}, {"parameters": [
            {"name": "ENVIRONMENT", "value": "production"}, {"name": "VERSION", "value": "1.4.2"},
            {"name": "DIGEST", "value": ""}]}]}
        ]}""")));

    assertThat(adapter.currentRelease("web", "production")).contains(new Release("1.4.2", null, "7"));
  }

  @Test
  void anUnstableBuildIsDegradedAndAFailedOneFailed() {
    wiremock.stubFor(get(urlEqualTo("/queue/item/3/api/json")).willReturn(okJson(
        "{\"executable\": {\"number\": 2, \"url\": \"" + wiremock.baseUrl() + "/job/deploy-web/2/\"}}")));
    wiremock.stubFor(get(urlEqualTo("/job/deploy-web/2/api/json")).willReturn(okJson(
        "{\"building\": false, \"result\": \"UNSTABLE\"}")));
    assertThat(adapter.rolloutState(ORDER, wiremock.baseUrl() + "/queue/item/3/").state())
        .isEqualTo(RolloutState.DEGRADED);
    wiremock.stubFor(get(urlEqualTo("/job/deploy-web/2/api/json")).willReturn(okJson(
        "{\"building\": false, \"result\": \"FAILURE\"}")));
    assertThat(adapter.rolloutState(ORDER, wiremock.baseUrl() + "/queue/item/3/").state())
        .isEqualTo(RolloutState.FAILED);
  }

  @Test
  void aMissingJobIsARefusalAndAnUnavailableJenkinsATechnicalFailure() {
    wiremock.stubFor(post(urlEqualTo("/job/deploy-web/buildWithParameters")).willReturn(aResponse().withStatus(404)));
    assertThat(adapter.deploy(ORDER).succeeded()).isFalse();
    wiremock.stubFor(post(urlEqualTo("/job/deploy-web/buildWithParameters")).willReturn(aResponse().withStatus(502)));
    assertThatThrownBy(() -> adapter.deploy(ORDER)).isInstanceOf(HttpCalls.SystemUnavailableException.class)
        .hasMessageNotContaining("api-token-9");
  }

  @Test
  void aDryRunTriggersNothing() {
    DeploymentOutcome outcome = adapter.deploy(new DeploymentOrder("CHG-000042", "k", DeploymentOrder.Kind.DEPLOY,
        "web", "payments-api", "production", "1.4.3", null, true));
    assertThat(outcome.detail()).contains("would POST /job/deploy-web/buildWithParameters", "VERSION=1.4.3");
    wiremock.verify(0, postRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aQueueUrlOnAnotherHostIsNotFollowed() {
    assertThatThrownBy(() -> adapter.rolloutState(ORDER, "http://evil.example/queue/item/1/"))
        .hasMessageContaining("outside");
  }

  @Test
  void aRollbackRunsTheRollbackJobWithThePreviousVersion() {
    wiremock.stubFor(post(urlEqualTo("/job/rollback-web/buildWithParameters")).willReturn(aResponse().withStatus(201)
        .withHeader("Location", wiremock.baseUrl() + "/queue/item/18/")));
    assertThat(adapter.rollback(ORDER, new Release("1.4.2", null, "7")).succeeded()).isTrue();
    wiremock.verify(postRequestedFor(urlEqualTo("/job/rollback-web/buildWithParameters"))
        .withRequestBody(containing("PREVIOUS_VERSION=1.4.2")));
  }
}
