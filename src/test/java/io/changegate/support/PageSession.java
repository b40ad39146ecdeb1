package io.changegate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like session on Changegate's pages over real HTTP: cookies kept, redirects not followed, the CSRF token
 * taken from the last page's forms as a browser would post it.
 */
public final class PageSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** An answer: status, body, the Location header. */
  public record Page(int status, String body, String location) {}

  private final int port;
  private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final HttpClient client;
  private String csrf;

  public PageSession(int port) {
    this.port = port;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Logs in with the demo password (= user id); the session is then the user's. */
  public PageSession logIn(String user) {
    get("/login");
    Page answer = post("/login", Map.of("username", user, "password", user));
    if (answer.status() != 302 || answer.location() == null || answer.location().contains("error")) {
      throw new AssertionError("login of " + user + " failed: " + answer);
    }
    return this;
  }

  /** A page, asked for as a browser asks (HTML first). */
  public Page get(String path) {
    Page page = send(HttpRequest.newBuilder(uri(path)).header("Accept", BROWSER_ACCEPT).GET().build());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /** Posts a form with the session's CSRF token. */
  public Page post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf != null) {
      fields.putIfAbsent("_csrf", csrf);
    }
    return postRaw(path, fields);
  }

  /** Posts a form as given (no token added). */
  public Page postRaw(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", BROWSER_ACCEPT).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private Page send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
