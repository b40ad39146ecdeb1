package io.changegate.rollback.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.change.Names;
import io.changegate.outbound.Credentials;
import io.changegate.outbound.HttpCalls;
import io.changegate.outbound.Placeholders;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loki's HTTP API: {@code GET /loki/api/v1/query_range} with the stream selector of
 * {@link LogProperties.Loki#query()}, {@code start}/{@code end} in nanoseconds, {@code limit} and
 * {@code direction=backward} (the newest lines). The answer's streams ({@code data.result[].values[]}: a timestamp in
 * nanoseconds as text and the line) are merged and returned oldest first as {@code <RFC 3339 time> <line>}. An answer
 * other than 2xx with {@code "status": "success"} throws.
 */
@Component
@ConditionalOnProperty(name = "changegate.rollback.logs.source", havingValue = "loki")
class LokiLogSource implements LogSource {

  private static final Pattern NAME = Pattern.compile(Names.PATTERN);

  private final LogProperties properties;
  private final Credentials credentials;
  private final HttpCalls http;

  LokiLogSource(LogProperties properties, Credentials credentials, ObjectMapper json) {
    if (properties.loki().url() == null || properties.loki().url().isBlank()) {
      throw new IllegalStateException("changegate.rollback.logs.source is loki but changegate.rollback.logs.loki.url"
          + " is not set");
    }
    this.properties = properties;
    this.credentials = credentials;
    this.http = new HttpCalls(properties.loki().timeout(), json);
  }

  @Override
  public String name() {
    return "loki";
  }

  @Override
  public String describe(String service, String environment) {
    return "loki " + properties.loki().url() + " " + selector(service, environment);
  }

  @Override
  public List<String> lastLines(String service, String environment, Instant from, Instant to, int lines) {
    String query = selector(service, environment);
    URI uri = URI.create(properties.loki().url().replaceAll("/+$", "") + "/loki/api/v1/query_range?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + nanos(from) + "&end=" + nanos(to)
        + "&limit=" + lines + "&direction=backward");
    HttpRequest.Builder request = http.request(uri).GET();
    String token = properties.loki().tokenProperty();
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + credentials.secret(token));
    }
    if (properties.loki().tenant() != null && !properties.loki().tenant().isBlank()) {
      request.header("X-Scope-OrgID", properties.loki().tenant());
    }
    HttpCalls.Answer answer = http.send(request.build());
    JsonNode body = http.parse(answer);
    if (!answer.ok() || !"success".equals(body.path("status").asText())) {
      throw new IllegalStateException("Loki refused the query " + query + " (" + answer.status() + "): "
          + HttpCalls.abbreviate(answer.body()));
    }
    record Line(long nanos, String text) {}
    List<Line> found = new ArrayList<>();
    for (JsonNode stream : body.path("data").path("result")) {
      for (JsonNode value : stream.path("values")) {
        found.add(new Line(Long.parseLong(value.get(0).asText()), value.get(1).asText()));
      }
    }
    found.sort(Comparator.comparingLong(Line::nanos));
    List<Line> newest = found.subList(Math.max(0, found.size() - lines), found.size());
    return newest.stream().map(l -> Instant.ofEpochSecond(0, l.nanos()) + " " + l.text()).toList();
  }

  private String selector(String service, String environment) {
    return Placeholders.expand(properties.loki().query(), Map.of("service", checked(service),
        "environment", checked(environment)));
  }

  /** Only safe names reach a LogQL string literal (no quote, no backslash, no brace). */
  private static String checked(String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalStateException("refusing to put '" + value + "' into LogQL: not a safe name");
    }
    return value;
  }

  private static String nanos(Instant at) {
    return at.getEpochSecond() + String.format(java.util.Locale.ROOT, "%09d", at.getNano());
  }
}
