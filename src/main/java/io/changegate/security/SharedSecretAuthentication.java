package io.changegate.security;

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
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a machine caller with a shared secret that is not a Changegate login: the secret is read at
 * each request from the property or environment variable {@code tokenProperty} names, and accepted as
 * {@code Authorization: Bearer <secret>} or, when {@code basicUser} is given, as the password of HTTP Basic for
 * that user. A match grants {@code authority} and nothing else; without a configured secret nothing is accepted.
 * One filter per {@link SharedSecretEndpoint}, acting on the requests to that endpoint only (e.g. the Alertmanager
 * webhook, the Prometheus scrape of {@code /actuator/prometheus}).
 */
class SharedSecretAuthentication extends OncePerRequestFilter {

  private final String principal;
  private final String tokenProperty;
  private final String basicUser;
  private final String authority;
  private final Environment environment;
  private final RequestMatcher endpoint;

  /**
   * @param principal the name the caller is known by once authenticated
   * @param basicUser the HTTP Basic user name the secret may come with, or null for bearer tokens only
   * @param endpoint the requests this filter looks at
   */
  SharedSecretAuthentication(String principal, String tokenProperty, String basicUser, String authority,
      Environment environment, RequestMatcher endpoint) {
    this.endpoint = endpoint;
    this.principal = principal;
    this.tokenProperty = tokenProperty;
    this.basicUser = basicUser;
    this.authority = authority;
    this.environment = environment;
  }

  /** Creates the filter of {@code endpoint}. */
  static SharedSecretAuthentication of(SharedSecretEndpoint endpoint, Environment environment) {
    return new SharedSecretAuthentication(endpoint.caller(), endpoint.tokenProperty(), endpoint.basicUser(),
        endpoint.authority(), environment, SecurityConfiguration.matcher(endpoint));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !endpoint.matches(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String secret = tokenProperty == null || tokenProperty.isBlank() ? null : environment.getProperty(tokenProperty);
    String header = request.getHeader("Authorization");
    if (secret != null && !secret.isBlank() && header != null && accepted(header, secret)) {
      var authentication = new UsernamePasswordAuthenticationToken(principal, null,
          List.of(new SimpleGrantedAuthority(authority)));
      SecurityContextHolder.getContext().setAuthentication(authentication);
    }
    chain.doFilter(request, response);
  }

  private boolean accepted(String header, String secret) {
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return same(header.substring(7).trim(), secret);
    }
    if (basicUser != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      return colon > 0 && same(decoded.substring(0, colon), basicUser) && same(decoded.substring(colon + 1), secret);
    }
    return false;
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
