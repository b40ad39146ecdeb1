package io.changegate.security;

import io.changegate.monitoring.alerts.AlertProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Alertmanager on {@code POST /api/alerts} with the webhook's own secret, read at each request
 * from the property or environment variable {@code changegate.monitoring.alerts.token-property} names:
 * {@code Authorization: Bearer <secret>}, or HTTP Basic as {@code changegate.monitoring.alerts.user} with the
 * secret as password. A Changegate user's login does not open the webhook, and the webhook's secret opens
 * nothing else. Without a configured secret nothing is accepted.
 */
class AlertWebhookAuthentication extends OncePerRequestFilter {

  static final String AUTHORITY = "WEBHOOK_ALERTMANAGER";

  private final AlertProperties properties;
  private final Environment environment;

  AlertWebhookAuthentication(AlertProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String secret = properties.tokenProperty() == null ? null : environment.getProperty(properties.tokenProperty());
    String header = request.getHeader("Authorization");
    if (secret != null && !secret.isBlank() && header != null && accepted(header, secret)) {
      var authentication = new UsernamePasswordAuthenticationToken(properties.user(), null,
          List.of(new SimpleGrantedAuthority(AUTHORITY)));
      SecurityContextHolder.getContext().setAuthentication(authentication);
    }
    chain.doFilter(request, response);
  }

  private boolean accepted(String header, String secret) {
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return same(header.substring(7).trim(), secret);
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      return colon > 0 && same(decoded.substring(0, colon), properties.user())
          && same(decoded.substring(colon + 1), secret);
    }
    return false;
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
