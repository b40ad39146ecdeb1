package io.changegate.itsm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.changegate.itsm.servicenow.ServiceNowAdapter;
import io.changegate.outbound.Credentials;
import io.changegate.rollback.incident.IncidentLink;
import io.changegate.rollback.incident.IncidentReport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The ServiceNow adapter against WireMock stubs of the Table API's documented shapes ({@code {"result": …}}, glide
 * date-times in UTC) — not a ServiceNow instance.
 */
class ServiceNowAdapterTest {

  WireMockServer wiremock;
  final MockEnvironment environment = new MockEnvironment().withProperty("SN_PASSWORD", "sn-secret-1")
      .withProperty("SN_TOKEN", "sn-oauth-2");

  static final String INCIDENT = """
      {"result":[{"sys_id":"9d385017c611228701d22104cc95c371","number":"INC0010001",
        "short_description":"Checkout returns 502","state":"2","opened_at":"2026-03-01 09:15:00"}]}""";

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  ServiceNowAdapter adapter(String tokenProperty) {
    return new ServiceNowAdapter(new ItsmProperties("servicenow", new ItsmProperties.ServiceNow(
        URI.create(wiremock.baseUrl()), "changegate", "SN_PASSWORD", tokenProperty, "Operations",
        Duration.ofSeconds(10)), null), new Credentials(environment), new ObjectMapper());
  }

  @Test
  void readsAnIncidentByItsNumberWithBasicAuthentication() {
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query",
        equalTo("number=INC0010001")).willReturn(okJson(INCIDENT)));
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query",
        equalTo("number=INC0099999")).willReturn(okJson("{\"result\":[]}")));

    ItsmRecord incident = adapter(null).incident("INC0010001").orElseThrow();

    assertThat(incident.reference()).isEqualTo("INC0010001");
    assertThat(incident.title()).isEqualTo("Checkout returns 502");
    assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-03-01T09:15:00Z"));
    assertThat(incident.url()).isEqualTo(wiremock.baseUrl()
        + "/nav_to.do?uri=incident.do?sys_id=9d385017c611228701d22104cc95c371");
    assertThat(adapter(null).incident("INC0099999")).isEmpty();
    assertThat(adapter(null).incident("INC0010001^ORnumber!=x")).as("no query injection").isEmpty();
    wiremock.verify(getRequestedFor(urlPathEqualTo("/api/now/table/incident")).withHeader("Authorization",
        equalTo("Basic " + Base64.getEncoder().encodeToString("changegate:sn-secret-1".getBytes()))));
  }

  @Test
  void opensTheIncidentOfARollbackOnceWithAnOAuthToken() {
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query",
        equalTo("correlation_id=CHG-000042:ROLLBACK")).willReturn(okJson("{\"result\":[]}")));
    wiremock.stubFor(post(urlEqualTo("/api/now/table/incident")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("""
            {"result":{"sys_id":"a1b2c3","number":"INC0010042","short_description":"rolled back","state":"1",
              "opened_at":"2026-03-01 10:00:00"}}""")));
    IncidentReport report = new IncidentReport("CHG-000042", "CHG-000042:ROLLBACK", "ROLLBACK", "major",
        "Change CHG-000042 is being rolled back", "error rate 27 %", "payments-api", "production", false);

    IncidentLink link = adapter("SN_TOKEN").open(report);

    assertThat(link.system()).isEqualTo("servicenow");
    assertThat(link.reference()).isEqualTo("INC0010042");
    wiremock.verify(postRequestedFor(urlEqualTo("/api/now/table/incident"))
        .withHeader("Authorization", equalTo("Bearer sn-oauth-2"))
        .withRequestBody(matchingJsonPath("$.correlation_id", equalTo("CHG-000042:ROLLBACK")))
        .withRequestBody(matchingJsonPath("$.short_description", equalTo("Change CHG-000042 is being rolled back")))
        .withRequestBody(matchingJsonPath("$.assignment_group", equalTo("Operations"))));

    // a retry after a crash finds the incident by its correlation id and opens nothing twice
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query",
        equalTo("correlation_id=CHG-000042:ROLLBACK")).willReturn(okJson("""
            {"result":[{"sys_id":"a1b2c3","number":"INC0010042","short_description":"rolled back","state":"1",
              "opened_at":"2026-03-01 10:00:00"}]}""")));
    assertThat(adapter("SN_TOKEN").open(report).reference()).isEqualTo("INC0010042");
    wiremock.verify(1, postRequestedFor(urlEqualTo("/api/now/table/incident")));
  }

  @Test
  void linksAnIncidentToItsProblemAndSaysWhenRefused() {
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/incident")).withQueryParam("sysparm_query",
        equalTo("number=INC0010001")).willReturn(okJson(INCIDENT)));
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/problem")).withQueryParam("sysparm_query",
        equalTo("number=PRB0040001")).willReturn(okJson("""
            {"result":[{"sys_id":"p9","number":"PRB0040001","short_description":"Pool exhausted","state":"101",
              "opened_at":"2026-03-01 11:00:00"}]}""")));
    wiremock.stubFor(patch(urlEqualTo("/api/now/table/incident/9d385017c611228701d22104cc95c371"))
        .willReturn(okJson("{\"result\":{}}")));
    ServiceNowAdapter adapter = adapter(null);
    ItsmRecord incident = adapter.incident("INC0010001").orElseThrow();
    ItsmRecord problem = adapter.problem("PRB0040001").orElseThrow();

    adapter.linkIncidentToProblem(incident, problem);

    assertThat(problem.title()).isEqualTo("Pool exhausted");
    wiremock.verify(patchRequestedFor(urlEqualTo("/api/now/table/incident/9d385017c611228701d22104cc95c371"))
        .withRequestBody(equalToJson("{\"problem_id\":\"p9\"}")));
    wiremock.stubFor(get(urlPathEqualTo("/api/now/table/problem")).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":{\"message\":\"User Not Authenticated\"}}")));
    assertThatThrownBy(() -> adapter.problem("PRB0040002")).hasMessageContaining("401")
        .hasMessageNotContaining("sn-secret-1");
  }
}
