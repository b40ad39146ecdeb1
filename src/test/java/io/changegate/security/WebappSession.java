package io.changegate.security;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A browser-like session with the Camunda webapps: cookies, CSRF token, form login. */
public final class WebappSession {

  private final int port;
  private final HttpClient client;
  private String csrfToken;

  private WebappSession(int port) {
    this.port = port;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
  }

  public static WebappSession loggedIn(int port, String user) {
    return loggedIn(port, user, "tasklist");
  }

  /** Logged in to one of the webapps ({@code tasklist}, {@code cockpit}, {@code admin}) as a demo user. */
  public static WebappSession loggedIn(int port, String user, String app) {
    WebappSession session = new WebappSession(port);
    session.refreshToken("/camunda/app/" + app + "/default/");
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(session.uri(
            "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)));
    if (login.statusCode() != 200) {
      throw new AssertionError("login as " + user + " failed: " + login.statusCode() + " " + login.body());
    }
    // the session id changes at login, and the CSRF token with it
    session.refreshToken("/camunda/api/engine/engine/default/task/count");
    return session;
  }

  /** As Cockpit sends a change: {@code PUT} with a JSON body and the CSRF token. */
  public HttpResponse<String> putJson(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", csrfToken).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A request with the session's cookies and CSRF token, as Tasklist sends it. */
  public HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("X-XSRF-TOKEN", csrfToken);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request);
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  public HttpResponse<String> postJson(String path, String json, boolean withCsrfToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (withCsrfToken) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    return send(request);
  }

  /** A POST with the CSRF token, as the webapps send it. */
  public HttpResponse<String> post(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("X-XSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private void refreshToken(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("X-XSRF-TOKEN", "Fetch").GET());
    csrfToken = response.headers().firstValue("X-XSRF-TOKEN").orElse(csrfToken);
    if (csrfToken == null) {
      throw new AssertionError("no CSRF token from " + path + ": " + response.statusCode());
    }
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
