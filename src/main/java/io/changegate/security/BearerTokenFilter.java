package io.changegate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on {@code /api}: a service account's token ({@link ServiceAccounts}). In the
 * {@code /api} chain only: a token opens nothing on {@code /engine-rest}, {@code /camunda} or {@code /actuator}.
 * Failed tokens are counted by the {@link LoginThrottle} per client (429 once over the limit, before any look-up);
 * a refusal is a 401 that does not say whether the token was unknown, expired or revoked (the audit trail says it for
 * a known account). Every request made with a valid token is recorded with its answer.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private final ServiceAccounts accounts;
  private final LoginThrottle throttle;
  private final ObjectMapper json;

  BearerTokenFilter(ServiceAccounts accounts, LoginThrottle throttle, ObjectMapper json) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String client = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitFor(client, null);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader("Retry-After", Long.toString(seconds));
      SecurityConfiguration.writeProblem(response, json, 429, "Too many failed logins",
          "Too many failed logins from this address; try again in " + seconds + " s");
      return;
    }
    ServiceAccounts.Verdict verdict = accounts.authenticate(header.substring(7).trim());
    if (!verdict.accepted()) {
      throttle.failed(client, null);
      if (verdict.account() != null) {
        accounts.recordRefusal(verdict.account(), verdict.refusal(), request.getMethod(), request.getRequestURI(),
            client);
      }
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Changegate\", error=\"invalid_token\"");
      SecurityConfiguration.writeProblem(response, json, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
          "The bearer token is unknown, expired or revoked");
      return;
    }
    ServiceAccountAuthentication authentication = new ServiceAccountAuthentication(verdict.account());
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      accounts.recordUse(verdict.account(), request.getMethod(), request.getRequestURI(), response.getStatus());
    }
  }
}
