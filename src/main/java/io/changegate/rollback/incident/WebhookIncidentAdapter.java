package io.changegate.rollback.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Opens an incident in an ITSM tool by webhook: {@code POST url} with a JSON body and an
 * {@code Idempotency-Key} header; a 2xx answer names the incident ({@code id} or {@code reference}, and
 * {@code url}). Technical failures retry; a 4xx answer is a configuration problem and fails loudly too, since
 * an incident that cannot be recorded must not be silently skipped.
 */
@Component
@ConditionalOnProperty("changegate.incident.webhook.url")
public class WebhookIncidentAdapter implements IncidentPort {

  public static final String NAME = "webhook";

  private final IncidentProperties.Webhook properties;
  private final Credentials credentials;
  private final HttpCalls http;

  public WebhookIncidentAdapter(IncidentProperties properties, Credentials credentials, ObjectMapper json) {
    this.properties = properties.webhook();
    this.credentials = credentials;
    Duration timeout = this.properties.timeout() == null ? Duration.ofSeconds(10) : this.properties.timeout();
    this.http = new HttpCalls(timeout, json);
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public IncidentLink open(IncidentReport report) {
    if (report.dryRun()) {
      return new IncidentLink(NAME, "DRY-RUN-" + report.changeId() + "-" + report.kind(), null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("changeId", report.changeId());
    body.put("kind", report.kind());
    body.put("severity", report.severity());
    body.put("title", report.title());
    body.put("description", report.description());
    body.put("service", report.service());
    body.put("environment", report.environment());
    body.put("idempotencyKey", report.idempotencyKey());
    HttpCalls.Answer answer = http.send(http.request(properties.url())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", report.idempotencyKey())
        .header("Authorization", "Bearer " + credentials.secret(properties.tokenProperty()))
        .POST(http.jsonBody(body)).build());
    if (!answer.ok()) {
      throw new IllegalStateException("the ITSM webhook refused the incident for " + report.changeId() + " ("
          + answer.status() + "): " + HttpCalls.abbreviate(answer.body()));
    }
    JsonNode incident = http.parse(answer);
    String reference = incident.path("id").asText(incident.path("reference").asText(null));
    if (reference == null) {
      throw new IllegalStateException("the ITSM webhook answered without an incident id: "
          + HttpCalls.abbreviate(answer.body()));
    }
    return new IncidentLink(NAME, reference, incident.path("url").asText(null));
  }
}
