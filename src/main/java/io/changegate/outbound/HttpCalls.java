package io.changegate.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.util.function.SingletonSupplier;

/**
 * HTTP for the adapters of external systems (deployment, incident and monitoring systems): a timeout, a refused
 * connection, a 5xx, 408, 429 or a rejected credential (401, 403) is a technical failure
 * ({@link SystemUnavailableException}: the engine retries, then raises an incident); any other answer is returned
 * for the adapter to judge. Messages carry the method, the URL and the status, never a header (credentials travel
 * in headers).
 */
public final class HttpCalls {

  /** Built on first use: a client builds the JDK's default TLS context, about 0.1 s of start-up. */
  private final SingletonSupplier<HttpClient> client;
  private final Duration timeout;
  private final ObjectMapper json;

  public HttpCalls(Duration timeout, ObjectMapper json) {
    this.client = SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build());
    this.timeout = timeout;
    this.json = json;
  }

  /** An answer: status, body and the Location header. */
  public record Answer(int status, String body, String location) {

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
  }

  public Answer send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = client.obtain().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SystemUnavailableException(request.method() + " " + request.uri() + " failed: "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SystemUnavailableException(request.method() + " " + request.uri() + " was interrupted", e);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      // a credential problem is for operations to fix (an incident), not a refusal of this change
      throw new SystemUnavailableException(request.method() + " " + request.uri() + " answered "
          + response.statusCode() + ": the configured credential was not accepted", null);
    }
    if (response.statusCode() >= 500 || response.statusCode() == 429 || response.statusCode() == 408) {
      throw new SystemUnavailableException(request.method() + " " + request.uri() + " answered "
          + response.statusCode() + ": " + abbreviate(response.body()), null);
    }
    return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
  }

  public HttpRequest.BodyPublisher jsonBody(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  public JsonNode parse(Answer answer) {
    try {
      return answer.body() == null || answer.body().isBlank() ? json.createObjectNode() : json.readTree(answer.body());
    } catch (IOException e) {
      throw new SystemUnavailableException("the answer is not JSON: " + abbreviate(answer.body()), e);
    }
  }

  public static String abbreviate(String text) {
    return text == null ? "" : text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  /** An external system did not answer usefully: retried by the engine, then an incident. */
  public static class SystemUnavailableException extends RuntimeException {

    public SystemUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
