package io.changegate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Puts every login route under the {@link LoginThrottle}: HTTP Basic on {@code /api}, {@code /engine-rest} and
 * {@code /actuator}; the webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}); and the
 * engine APIs' password check ({@code POST .../identity/verify}); the login form of Changegate's pages
 * ({@code POST /login}, counted by the provider). A throttled attempt is answered 429 with
 * {@code Retry-After} (seconds) before any password is checked. Outcomes are counted where the password is
 * checked: by {@link CamundaIdentityAuthenticationProvider} for HTTP Basic, here for the webapps' login (200 or
 * 403: the password was right; 401: wrong) and the password check ({@code "authenticated"}); any other answer
 * (a refused request that never got to the password) counts for nothing.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");
  private static final Pattern VERIFY =
      Pattern.compile("/(engine-rest|camunda/api/engine/engine/[^/]+)(/engine/[^/]+)?/identity/verify/?");

  private final LoginThrottle throttle;
  private final ObjectMapper json;

  LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
    this.throttle = throttle;
    this.json = json;
  }

  private enum Route { BASIC, WEBAPP_LOGIN, VERIFY, PAGE_LOGIN }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    Route route = route(request, path);
    if (route == null) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest attempt = request;
    String user;
    if (route == Route.VERIFY) {
      byte[] body = request.getInputStream().readNBytes(OrQueryExpressionGuard.MAX_BODY_BYTES);
      attempt = new OrQueryExpressionGuard.CachedBodyRequest(request, body);
      user = verifiedUser(body);
    } else if (route == Route.WEBAPP_LOGIN || route == Route.PAGE_LOGIN) {
      user = request.getParameter("username");
    } else {
      user = basicUser(request.getHeader("Authorization"));
    }
    String client = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitFor(client, user);
    if (wait.isPresent()) {
      refuse(route, response, wait.get());
      return;
    }
    if (route == Route.VERIFY) {
      ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
      chain.doFilter(attempt, answer);
      if (answer.getStatus() == HttpServletResponse.SC_OK) {
        count(client, user, verified(answer.getContentAsByteArray()));
      }
      answer.copyBodyToResponse();
      return;
    }
    chain.doFilter(attempt, response);
    if (route == Route.WEBAPP_LOGIN) {
      int status = response.getStatus();
      if (status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_FORBIDDEN) {
        count(client, user, true);
      } else if (status == HttpServletResponse.SC_UNAUTHORIZED) {
        count(client, user, false);
      }
    }
  }

  private static Route route(HttpServletRequest request, String path) {
    String authorization = request.getHeader("Authorization");
    boolean post = "POST".equalsIgnoreCase(request.getMethod());
    if (post && WEBAPP_LOGIN.matcher(path).matches()) {
      return Route.WEBAPP_LOGIN;
    }
    if (post && VERIFY.matcher(path).matches()) {
      return Route.VERIFY;
    }
    if (post && "/login".equals(path)) {
      return Route.PAGE_LOGIN; // the pages' login form: the outcome is counted where the password is checked
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
        && (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/actuator/"))) {
      return Route.BASIC;
    }
    return null;
  }

  private void count(String client, String user, boolean succeeded) {
    if (succeeded) {
      throttle.succeeded(client, user);
    } else {
      throttle.failed(client, user);
    }
  }

  /** The user of an HTTP Basic header, or null when it names none. */
  static String basicUser(String header) {
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0 ? decoded.substring(0, colon) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String verifiedUser(byte[] body) {
    try {
      JsonNode credentials = json.readTree(body);
      return credentials == null ? null : credentials.path("username").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private boolean verified(byte[] answer) {
    try {
      JsonNode result = json.readTree(answer);
      return result != null && result.path("authenticated").asBoolean(false);
    } catch (IOException e) {
      return false;
    }
  }

  private void refuse(Route route, HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    String detail = "Too many failed logins from this address or for this user; try again in " + seconds + " s";
    response.setHeader("Retry-After", Long.toString(seconds));
    if (route == Route.PAGE_LOGIN) {
      response.sendRedirect("/login?throttled=" + seconds);
      return;
    }
    if (route == Route.BASIC) {
      SecurityConfiguration.writeProblem(response, json, 429, "Too many failed logins", detail);
      return;
    }
    // the webapps and the engine APIs: the engine REST API's error format
    response.setStatus(429);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "LoginThrottled");
    body.put("message", detail);
    json.writeValue(response.getOutputStream(), body);
  }
}
