package io.changegate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mitigates a flaw reported against Camunda 7.24.0 CE whose fix is not in the community release: the
 * Admin webapp's initial-setup endpoint ({@code /camunda/api/admin/setup/{engine}/user/create}) must be
 * unusable while any administrator exists. Every request whose path, however spelled (case, encoding,
 * path parameters, doubled slashes), reaches the setup resource is refused with 403 while a member of
 * {@code camunda-admin} exists.
 */
class AdminSetupGuard extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final ObjectMapper json;

  AdminSetupGuard(IdentityService identityService, ObjectMapper json) {
    this.identityService = identityService;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (targetsSetup(request) && administratorExists()) {
      SecurityConfiguration.writeProblem(response, json, HttpServletResponse.SC_FORBIDDEN, "Setup not available",
          "An administrator exists; the initial setup is closed");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean targetsSetup(HttpServletRequest request) {
    String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return isSetupPath(request.getRequestURI()) || isSetupPath(servletPath);
  }

  static boolean isSetupPath(String rawPath) {
    if (rawPath == null) {
      return false;
    }
    String path = rawPath;
    for (int i = 0; i < 3 && path.contains("%"); i++) {
      path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    path = path.toLowerCase(Locale.ROOT)
        .replaceAll(";[^/]*", "")
        .replace('\\', '/')
        .replaceAll("/+", "/")
        .replaceAll("/\\./", "/");
    return path.contains("/admin/setup");
  }

  private boolean administratorExists() {
    return identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
  }
}
