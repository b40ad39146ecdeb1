package io.changegate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.web.ApiProblemBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose path is not in normal form ({@code //engine-rest/user}, {@code /engine-rest;x=y/user},
 * {@code /api/./changes}, encoded slashes or dots...) with 400, before anything routes or matches it. These are
 * the rules of Spring Security's {@link StrictHttpFirewall}, which the security filter chain applies too; but
 * Spring parses the path against the servlet's mapping before it gets there and fails with a server error on
 * such a path for the servlets mapped under a prefix ({@code /engine-rest}, the webapps' API). Refused before
 * authentication, so no spelling of a path reaches a servlet without it.
 */
class PathGuard extends OncePerRequestFilter {

  private final HttpFirewall firewall = new StrictHttpFirewall();
  private final ObjectMapper json;

  PathGuard(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException e) {
      String detail = "The request's path or method is not allowed: use a normalized path without '//', '/./', "
          + "'/../', ';' parameters or encoded separators";
      if (ApiProblemBodies.isEngineApi(request.getRequestURI())) {
        // the engine APIs' own error format, as for every other refusal there
        SecurityConfiguration.writeEngineError(response, json, detail);
      } else {
        SecurityConfiguration.writeProblem(response, json, HttpServletResponse.SC_BAD_REQUEST, "Malformed request",
            detail);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
