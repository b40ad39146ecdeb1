package io.changegate.itsm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.changegate.itsm.jira.JiraServiceManagementAdapter;
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
 * The Jira Service Management adapter against WireMock stubs of the documented REST shapes (issue, customer request,
 * JQL search, issue link) — not a Jira site.
 */
class JiraServiceManagementAdapterTest {

  WireMockServer wiremock;
  final MockEnvironment environment = new MockEnvironment().withProperty("JIRA_TOKEN", "jira-api-token-3");

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  JiraServiceManagementAdapter adapter(String user) {
    return new JiraServiceManagementAdapter(new ItsmProperties("jira", null, new ItsmProperties.Jira(
        URI.create(wiremock.baseUrl()), user, "JIRA_TOKEN", "4", "17", "Problem/Incident", Duration.ofSeconds(10))),
        new Credentials(environment), new ObjectMapper());
  }

  @Test
  void readsAnIncidentIssueWithBasicAuthenticationAndAnApiToken() {
    wiremock.stubFor(get(urlPathEqualTo("/rest/api/3/issue/OPS-17")).willReturn(okJson("""
        {"id":"10017","key":"OPS-17","self":"https://acme.atlassian.net/rest/api/3/issue/10017",
         "fields":{"summary":"Checkout returns 502","status":{"name":"Work in progress"},
                   "created":"2026-03-01T09:15:00.000+0100"}}""")));
    wiremock.stubFor(get(urlPathEqualTo("/rest/api/3/issue/OPS-99")).willReturn(aResponse().withStatus(404)
        .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}")));

    ItsmRecord incident = adapter("bot@acme.example").incident("OPS-17").orElseThrow();

    assertThat(incident.system()).isEqualTo("jira");
    assertThat(incident.title()).isEqualTo("Checkout returns 502");
    assertThat(incident.state()).isEqualTo("Work in progress");
    assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-03-01T08:15:00Z"));
    assertThat(incident.url()).isEqualTo(wiremock.baseUrl() + "/browse/OPS-17");
    assertThat(adapter("bot@acme.example").incident("OPS-99")).isEmpty();
    assertThat(adapter("bot@acme.example").incident("../../admin")).isEmpty();
    wiremock.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/issue/OPS-17")).withHeader("Authorization",
        equalTo("Basic " + Base64.getEncoder().encodeToString("bot@acme.example:jira-api-token-3".getBytes()))));
  }

  @Test
  void opensTheIncidentOfARollbackAsACustomerRequestOnce() {
    wiremock.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(okJson("{\"issues\":[]}")));
    wiremock.stubFor(post(urlEqualTo("/rest/servicedeskapi/request")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("""
            {"issueId":"10042","issueKey":"OPS-42","requestTypeId":"17","serviceDeskId":"4",
             "createdDate":{"iso8601":"2026-03-01T10:00:00+0000","epochMillis":1772359200000},
             "currentStatus":{"status":"Waiting for support"},
             "_links":{"web":"https://acme.atlassian.net/servicedesk/customer/portal/4/OPS-42",
                       "self":"https://acme.atlassian.net/rest/servicedeskapi/request/10042"}}""")));
    IncidentReport report = new IncidentReport("CHG-000042", "CHG-000042:ROLLBACK", "ROLLBACK", "major",
        "Change CHG-000042 is being rolled back", "error rate 27 %", "payments-api", "production", false);

    IncidentLink link = adapter(null).open(report);

    assertThat(link.reference()).isEqualTo("OPS-42");
    assertThat(link.url()).isEqualTo("https://acme.atlassian.net/servicedesk/customer/portal/4/OPS-42");
    wiremock.verify(postRequestedFor(urlEqualTo("/rest/servicedeskapi/request"))
        .withHeader("Authorization", equalTo("Bearer jira-api-token-3"))
        .withRequestBody(matchingJsonPath("$.serviceDeskId", equalTo("4")))
        .withRequestBody(matchingJsonPath("$.requestTypeId", equalTo("17")))
        .withRequestBody(matchingJsonPath("$.requestFieldValues.summary",
            equalTo("Change CHG-000042 is being rolled back")))
        .withRequestBody(matchingJsonPath("$.requestFieldValues.labels[0]",
            equalTo("changegate-CHG-000042-ROLLBACK"))));

    // a retry finds the request by its label and opens nothing twice
    wiremock.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(okJson(
        "{\"issues\":[{\"id\":\"10042\",\"key\":\"OPS-42\"}]}")));
    assertThat(adapter(null).open(report).reference()).isEqualTo("OPS-42");
    wiremock.verify(1, postRequestedFor(urlEqualTo("/rest/servicedeskapi/request")));
  }

  @Test
  void linksAnIncidentToItsProblem() {
    wiremock.stubFor(post(urlEqualTo("/rest/api/3/issueLink")).willReturn(aResponse().withStatus(201)));
    JiraServiceManagementAdapter adapter = adapter("bot@acme.example");

    adapter.linkIncidentToProblem(new ItsmRecord("jira", "OPS-17", null, "", null, null),
        new ItsmRecord("jira", "PRB-3", null, "", null, null));

    wiremock.verify(postRequestedFor(urlEqualTo("/rest/api/3/issueLink")).withRequestBody(equalToJson("""
        {"type":{"name":"Problem/Incident"},"inwardIssue":{"key":"OPS-17"},"outwardIssue":{"key":"PRB-3"}}""")));
  }
}
