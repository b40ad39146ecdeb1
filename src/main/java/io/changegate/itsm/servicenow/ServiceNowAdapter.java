package io.changegate.itsm.servicenow;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * ServiceNow through its Table API ({@code /api/now/table/incident}, {@code /api/now/table/problem}): reads an incident
 * or problem by its number, opens the incident of a rollback ({@code POST}, at most once per idempotency key: the key
 * is the incident's {@code correlation_id}, looked up before creating), and links an incident to its problem
 * ({@code PATCH} of the incident's {@code problem_id}). Answers are {@code {"result": …}}; {@code opened_at} is
 * {@code yyyy-MM-dd HH:mm:ss} in UTC (the API's stored values, {@code sysparm_display_value=false}). Authenticates with
 * HTTP Basic or, when {@code token-property} is set, an OAuth bearer token. Tested against WireMock stubs of the
 * documented shapes, not a ServiceNow instance.
 */
@Component
@ConditionalOnProperty("changegate.itsm.servicenow.url")
public class ServiceNowAdapter implements ItsmPort, IncidentPort {

  public static final String NAME = "servicenow";
  static final Pattern NUMBER = Pattern.compile("[A-Z]{2,10}[0-9]{1,20}");
  private static final DateTimeFormatter GLIDE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String FIELDS = "sys_id,number,short_description,state,opened_at";

  private final ItsmProperties.ServiceNow properties;
  private final Credentials credentials;
  private final HttpCalls http;
  private final String base;

  public ServiceNowAdapter(ItsmProperties properties, Credentials credentials, ObjectMapper json) {
    this.properties = properties.servicenow();
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
    return find("incident", "number=" + reference, reference);
  }

  @Override
  public Optional<ItsmRecord> problem(String reference) {
    return find("problem", "number=" + reference, reference);
  }

  @Override
  public void linkIncidentToProblem(ItsmRecord incident, ItsmRecord problem) {
    String incidentId = sysId("incident", incident.reference());
    String problemId = sysId("problem", problem.reference());
    HttpCalls.Answer answer = http.send(authorized(http.request(URI.create(base + "/api/now/table/incident/"
        + incidentId)))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .method("PATCH", http.jsonBody(Map.of("problem_id", problemId))).build());
    if (!answer.ok()) {
      throw new IllegalStateException("ServiceNow refused to link " + incident.reference() + " to "
          + problem.reference() + " (" + answer.status() + "): " + HttpCalls.abbreviate(answer.body()));
    }
  }

  @Override
  public IncidentLink open(IncidentReport report) {
    if (report.dryRun()) {
      return new IncidentLink(NAME, "DRY-RUN-" + report.changeId() + "-" + report.kind(), null);
    }
    Optional<ItsmRecord> known = find("incident", "correlation_id=" + report.idempotencyKey(), null);
    if (known.isPresent()) {
      return new IncidentLink(NAME, known.get().reference(), known.get().url());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("short_description", report.title());
    body.put("description", report.description());
    body.put("impact", "critical".equals(report.severity()) ? "1" : "2");
    body.put("urgency", "critical".equals(report.severity()) ? "1" : "2");
    body.put("category", "software");
    body.put("correlation_id", report.idempotencyKey());
    body.put("correlation_display", "Changegate " + report.changeId());
    if (properties.assignmentGroup() != null && !properties.assignmentGroup().isBlank()) {
      body.put("assignment_group", properties.assignmentGroup());
    }
    HttpCalls.Answer answer = http.send(authorized(http.request(URI.create(base + "/api/now/table/incident")))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(http.jsonBody(body)).build());
    if (!answer.ok()) {
      throw new IllegalStateException("ServiceNow refused the incident for " + report.changeId() + " ("
          + answer.status() + "): " + HttpCalls.abbreviate(answer.body()));
    }
    JsonNode created = http.parse(answer).path("result");
    String number = created.path("number").asText(null);
    if (number == null) {
      throw new IllegalStateException("ServiceNow answered without an incident number: "
          + HttpCalls.abbreviate(answer.body()));
    }
    return new IncidentLink(NAME, number, link("incident", created.path("sys_id").asText()));
  }

  private Optional<ItsmRecord> find(String table, String query, String reference) {
    if (reference != null && !NUMBER.matcher(reference).matches()) {
      return Optional.empty();
    }
    URI uri = URI.create(base + "/api/now/table/" + table + "?sysparm_query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&sysparm_limit=1&sysparm_display_value=false"
        + "&sysparm_fields=" + URLEncoder.encode(FIELDS, StandardCharsets.UTF_8));
    HttpCalls.Answer answer = http.send(authorized(http.request(uri)).header("Accept", "application/json").GET()
        .build());
    if (!answer.ok()) {
      throw new IllegalStateException("ServiceNow refused to read " + table + " (" + answer.status() + "): "
          + HttpCalls.abbreviate(answer.body()));
    }
    JsonNode result = http.parse(answer).path("result");
    if (!result.isArray() || result.isEmpty()) {
      return Optional.empty();
    }
    JsonNode row = result.get(0);
    return Optional.of(new ItsmRecord(NAME, row.path("number").asText(), link(table, row.path("sys_id").asText()),
        row.path("short_description").asText(""), row.path("state").asText(null),
        openedAt(row.path("opened_at").asText(null))));
  }

  private String sysId(String table, String number) {
    URI uri = URI.create(base + "/api/now/table/" + table + "?sysparm_query="
        + URLEncoder.encode("number=" + number, StandardCharsets.UTF_8) + "&sysparm_limit=1&sysparm_fields=sys_id");
    HttpCalls.Answer answer = http.send(authorized(http.request(uri)).header("Accept", "application/json").GET()
        .build());
    JsonNode result = answer.ok() ? http.parse(answer).path("result") : null;
    if (result == null || !result.isArray() || result.isEmpty()) {
      throw new IllegalStateException("ServiceNow does not know " + table + " " + number + " (" + answer.status()
          + ")");
    }
    return result.get(0).path("sys_id").asText();
  }

  private static Instant openedAt(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value, GLIDE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String link(String table, String sysId) {
    return sysId == null || sysId.isBlank() ? null : base + "/nav_to.do?uri=" + table + ".do?sys_id=" + sysId;
  }

  private java.net.http.HttpRequest.Builder authorized(java.net.http.HttpRequest.Builder request) {
    if (properties.tokenProperty() != null && !properties.tokenProperty().isBlank()) {
      return request.header("Authorization", "Bearer " + credentials.secret(properties.tokenProperty()));
    }
    String pair = properties.user() + ":" + credentials.secret(properties.passwordProperty());
    return request.header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }
}
