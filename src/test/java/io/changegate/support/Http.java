package io.changegate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A real HTTP client for tests: HTTP Basic as a demo user, JSON in and out. */
public final class Http {

  /**
   * Writes every non-ASCII character as a {@code \\uXXXX} escape: the same JSON, and a lone surrogate reaches the
   * server as sent (written raw, Java's UTF-8 encoder would replace it with '?').
   */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final int port;
  private final String user;
  private final String password;

  private Http(int port, String user, String password) {
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /** As a demo user (password = user id). */
  public static Http as(int port, String user) {
    return new Http(port, user, user);
  }

  public static Http as(int port, String user, String password) {
    return new Http(port, user, password);
  }

  public static Http anonymous(int port) {
    return new Http(port, null, null);
  }

  /** The Prometheus scrape token of the test profile ({@code TEST_SCRAPE_TOKEN} in application-test.yaml). */
  public static final String SCRAPE_TOKEN = "scrape-test-secret-7c2e";

  /** {@code /actuator/prometheus} as Prometheus scrapes it: with the bearer scrape token. */
  public static Response metrics(int port) {
    Http anonymous = anonymous(port);
    return anonymous.send(anonymous.request("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN)
        .GET());
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String path, Object body) {
    try {
      return post(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      builder.header("Authorization", basic(user, password));
    }
    return builder;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A response with its body parsed as JSON on demand. */
  public record Response(HttpResponse<String> raw) {

    public int status() {
      return raw.statusCode();
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status() + "): " + raw.body(), e);
      }
    }

    @Override
    public String toString() {
      return status() + " " + raw.body();
    }
  }

  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
