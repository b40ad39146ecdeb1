package io.changegate.itsm.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.itsm.ItsmPort;
import io.changegate.itsm.ItsmProperties;
import io.changegate.itsm.ItsmRecord;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import io.changegate.rollback.incident.IncidentLink;
import io.changegate.rollback.incident.IncidentPort;
import io.changegate.rollback.incident.IncidentReport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Jira Service Management through its REST APIs: reads an incident or problem as an issue
 * ({@code GET /rest/api/3/issue/{key}}: {@code key}, {@code fields.summary}, {@code fields.status.name},
 * {@code fields.created}), opens the incident of a rollback as a customer request
 * ({@code POST /rest/servicedeskapi/request}: {@code serviceDeskId}, {@code requestTypeId},
 * {@code requestFieldValues}; answer {@code issueKey}, {@code _links.web}) labelled with its idempotency key and looked
 * up by that label first ({@code GET /rest/api/3/search/jql}), and links an incident to its problem
 * ({@code POST /rest/api/3/issueLink}). Tested against WireMock stubs of the documented shapes, not a Jira site.
 */
@Component
@ConditionalOnProperty("changegate.itsm.jira.url")
public class JiraServiceManagementAdapter implements ItsmPort, IncidentPort {

  public static final String NAME = "jira";
  static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,19}-[0-9]{1,12}");
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

  private final ItsmProperties.Jira properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final String base;

  public JiraServiceManagementAdapter(ItsmProperties properties, Credentials credentials, ObjectMapper json) {
    this.properties = properties.jira();
    this.credentials = credentials;
    this.http = new HttpCalls(this.properties.timeout(), json);
    this.base = this.properties.url().toString().replaceAll("/+$", "");
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public Optional<ItsmRecord> incident(String reference) {
    return issue(reference);
  }

  @Override
  public Optional<ItsmRecord> problem(String reference) {
    return issue(reference);
  }

  @Override
  public void linkIncidentToProblem(ItsmRecord incident, ItsmRecord problem) {
    Map<String, Object> body = Map.of("type", Map.of("name", properties.linkType()),
        "inwardIssue", Map.of("key", incident.reference()), "outwardIssue", Map.of("key", problem.reference()));
    HttpCalls.Answer answer = http.send(authorized(http.request(URI.create(base + "/rest/api/3/issueLink")))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(http.jsonBody(body)).build());
    if (!answer.ok()) {
      throw new IllegalStateException("Jira refused to link " + incident.reference() + " to " + problem.reference()
          + " (" + answer.status() + "): " + HttpCalls.abbreviate(answer.body()));
    }
  }

  @Override
  public IncidentLink open(IncidentReport report) {
    if (report.dryRun()) {
      return new IncidentLink(NAME, "DRY-RUN-" + report.changeId() + "-" + report.kind(), null);
    }
    String label = "changegate-" + report.idempotencyKey().replaceAll("[^A-Za-z0-9_-]", "-");
    Optional<String> known = byLabel(label);
    if (known.isPresent()) {
      return new IncidentLink(NAME, known.get(), base + "/browse/" + known.get());
    }
    Map<String, Object> body = Map.of("serviceDeskId", properties.serviceDeskId(),
        "requestTypeId", properties.requestTypeId(),
        "requestFieldValues", Map.of("summary", report.title(),
            "description", report.description() == null ? "" : report.description(), "labels", List.of(label)));
    HttpCalls.Answer answer = http.send(authorized(http.request(URI.create(base + "/rest/servicedeskapi/request")))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(http.jsonBody(body)).build());
    if (!answer.ok()) {
      throw new IllegalStateException("Jira Service Management refused the incident for " + report.changeId() + " ("
          + answer.status() + "): " + HttpCalls.abbreviate(answer.body()));
    }
    JsonNode created = http.parse(answer);
    String key = created.path("issueKey").asText(null);
    if (key == null) {
      throw new IllegalStateException("Jira Service Management answered without an issue key: "
          + HttpCalls.abbreviate(answer.body()));
    }
    return new IncidentLink(NAME, key, created.path("_links").path("web").asText(base + "/browse/" + key));
  }

  private Optional<String> byLabel(String label) {
    URI uri = URI.create(base + "/rest/api/3/search/jql?fields=key&maxResults=1&jql="
        + URLEncoder.encode("labels = \"" + label + "\"", StandardCharsets.UTF_8));
    HttpCalls.Answer answer = http.send(authorized(http.request(uri)).header("Accept", "application/json").GET()
        .build());
    if (!answer.ok()) {
      throw new IllegalStateException("Jira refused the search for " + label + " (" + answer.status() + "): "
          + HttpCalls.abbreviate(answer.body()));
    }
    JsonNode issues = http.parse(answer).path("issues");
    return issues.isArray() && !issues.isEmpty() ? Optional.of(issues.get(0).path("key").asText())
        : Optional.empty();
  }

  private Optional<ItsmRecord> issue(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      return Optional.empty();
    }
    HttpCalls.Answer answer = http.send(authorized(http.request(URI.create(base + "/rest/api/3/issue/" + key
        + "?fields=summary,status,created"))).header("Accept", "application/json").GET().build());
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw new IllegalStateException("Jira refused to read " + key + " (" + answer.status() + "): "
          + HttpCalls.abbreviate(answer.body()));
    }
    JsonNode issue = http.parse(answer);
    JsonNode fields = issue.path("fields");
    return Optional.of(new ItsmRecord(NAME, issue.path("key").asText(key), base + "/browse/" + key,
        fields.path("summary").asText(""), fields.path("status").path("name").asText(null),
        created(fields.path("created").asText(null))));
  }

  private static Instant created(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, CREATED).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private java.net.http.HttpRequest.Builder authorized(java.net.http.HttpRequest.Builder request) {
    String token = credentials.secret(properties.tokenProperty());
    if (properties.user() == null || properties.user().isBlank()) {
      return request.header("Authorization", "Bearer " + token);
    }
    return request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((properties.user() + ":" + token).getBytes(StandardCharsets.UTF_8)));
  }
}
