package io.changegate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.web.ApiProblemBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One login everywhere: the Camunda identity service backs HTTP Basic on {@code /engine-rest} and
 * {@code /api}, and the session login of the webapps. {@code /engine-rest} never answers anonymously;
 * the engine's authorizations then decide what each user may do. The webapps keep Camunda's own CSRF
 * protection and session login.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

  private static final String REALM = "Changegate";

  @Bean
  AuthenticationManager camundaIdentityAuthenticationManager(CamundaIdentityAuthenticationProvider provider) {
    return new ProviderManager(provider);
  }

  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager manager, IdentityService identity,
      ObjectMapper json) throws Exception {
    return http.securityMatcher(path("/engine-rest/**"))
        .authenticationManager(manager)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless HTTP Basic: no cookie a forged cross-site request could ride on
        .csrf(csrf -> csrf.disable())
        .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
        .build();
  }

  /**
   * The endpoints machines call with their own shared secret, not a Changegate login ({@link SharedSecretEndpoint}
   * beans, e.g. the Alertmanager webhook {@code POST /api/alerts}), before the {@code /api} chain, which keeps HTTP
   * Basic against the identity service for everything else. An endpoint administrators may also call is served by
   * the chain of its path instead ({@link #actuator}).
   */
  @Bean
  @Order(0)
  SecurityFilterChain sharedSecretEndpoints(HttpSecurity http, List<SharedSecretEndpoint> endpoints,
      Environment environment, ObjectMapper json) throws Exception {
    List<SharedSecretEndpoint> machineOnly = endpoints.stream().filter(e -> !e.administrators()).toList();
    List<RequestMatcher> matchers = machineOnly.stream().map(SecurityConfiguration::matcher).toList();
    http.securityMatcher(matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers))
        .authorizeHttpRequests(requests -> {
          machineOnly.forEach(e -> requests.requestMatchers(matcher(e)).hasAuthority(e.authority()));
          requests.anyRequest().denyAll();
        });
    for (SharedSecretEndpoint endpoint : machineOnly) {
      http.addFilterBefore(SharedSecretAuthentication.of(endpoint, environment), AuthorizationFilter.class);
    }
    return http.exceptionHandling(e -> e.authenticationEntryPoint(challenges(machineOnly, json, unauthorized(json)))
            .accessDeniedHandler(forbidden(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager, ObjectMapper json,
      ServiceAccounts serviceAccounts, LoginThrottle throttle) throws Exception {
    return http.securityMatcher(path("/api/**"))
        .authenticationManager(manager)
        .authorizeHttpRequests(requests -> requests
            // service accounts (bearer tokens) reach these four and nothing else; their scope of services and
            // environments is checked where the change is known (ServiceAccountAuthentication.requireScope)
            .requestMatchers(HttpMethod.POST, "/api/changes")
            .hasAnyAuthority(with(Groups.authorities(Groups.DEVELOPERS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN),
                ServiceAccountAction.SUBMIT_CHANGES))
            .requestMatchers(HttpMethod.GET, "/api/changes/stats").access(PERSON)
            .requestMatchers(HttpMethod.GET, "/api/changes/*", "/api/artifacts/*/scans")
            .access(personOr(ServiceAccountAction.READ_CHANGES))
            .requestMatchers(HttpMethod.POST, "/api/artifacts/*/scans")
            .hasAnyAuthority(with(Groups.authorities(Groups.DEVELOPERS, Groups.OPERATIONS, Groups.SECURITY,
                Groups.CAMUNDA_ADMIN), ServiceAccountAction.SUBMIT_SCANS))
            .requestMatchers("/api/service-accounts", "/api/service-accounts/**")
            .hasAuthority(Groups.authority(Groups.CAMUNDA_ADMIN))
            .requestMatchers("/api/audit/**")
            .hasAnyAuthority(Groups.authorities(Groups.AUDITORS, Groups.CAMUNDA_ADMIN))
            // the change calendar: the CAB and operations keep the windows and service dependencies
            .requestMatchers(HttpMethod.POST, "/api/blackouts", "/api/maintenance-windows")
            .hasAnyAuthority(Groups.authorities(Groups.CAB, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            .requestMatchers(HttpMethod.DELETE, "/api/blackouts/*", "/api/maintenance-windows/*")
            .hasAnyAuthority(Groups.authorities(Groups.CAB, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            .requestMatchers(HttpMethod.PUT, "/api/services/*/dependencies", "/api/services/*/release-policy")
            .hasAnyAuthority(Groups.authorities(Groups.CAB, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            // the environment catalog: operations and administrators add environments; an owner group keeps its own
            // (EnvironmentService decides who may change what)
            .requestMatchers(HttpMethod.POST, "/api/environments")
            .hasAnyAuthority(Groups.authorities(Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            // bookings of non-production environments: every group that works on changes (not auditors)
            .requestMatchers(HttpMethod.POST, "/api/environments/*/bookings", "/api/environments/*/bookings/*/cancel")
            .hasAnyAuthority(Groups.authorities(Groups.DEVELOPERS, Groups.OPERATIONS, Groups.SECURITY, Groups.LEGAL,
                Groups.CAB, Groups.ECAB, Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN))
            .requestMatchers(HttpMethod.POST, "/api/drift/checks")
            .hasAnyAuthority(Groups.authorities(Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            // the pipeline that applies an infrastructure plan checks it against the approved one
            .requestMatchers(HttpMethod.POST, "/api/changes/*/infrastructure-plan/verification")
            .hasAnyAuthority(Groups.authorities(Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            .anyRequest().access(PERSON))
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized(json)))
        .addFilterBefore(new BearerTokenFilter(serviceAccounts, throttle, json), BasicAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(json)).accessDeniedHandler(forbidden(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * Health and info are public; a shared-secret endpoint here (the metrics: {@code /actuator/prometheus}) needs its
   * secret as a bearer token, or an administrator; everything else an administrator.
   */
  @Bean
  @Order(3)
  SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager manager, List<SharedSecretEndpoint> endpoints,
      Environment environment, ObjectMapper json) throws Exception {
    List<SharedSecretEndpoint> here = endpoints.stream().filter(SharedSecretEndpoint::administrators).toList();
    http.securityMatcher(path("/actuator/**"))
        .authenticationManager(manager)
        .authorizeHttpRequests(requests -> {
          requests.requestMatchers("/actuator/health/**", "/actuator/info").permitAll();
          here.forEach(e -> requests.requestMatchers(matcher(e))
              .hasAnyAuthority(e.authority(), Groups.authority(Groups.CAMUNDA_ADMIN)));
          requests.anyRequest().hasAuthority(Groups.authority(Groups.CAMUNDA_ADMIN));
        });
    for (SharedSecretEndpoint endpoint : here) {
      http.addFilterBefore(SharedSecretAuthentication.of(endpoint, environment), AuthorizationFilter.class);
    }
    return http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized(json)))
        .exceptionHandling(e -> e.authenticationEntryPoint(challenges(here, json, unauthorized(json)))
            .accessDeniedHandler(forbidden(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /** The API reference (OpenAPI at {@code /v3/api-docs}, Swagger UI) is for logged-in users. */
  @Bean
  @Order(3)
  SecurityFilterChain apiReference(HttpSecurity http, AuthenticationManager manager, ObjectMapper json)
      throws Exception {
    return http.securityMatcher(new OrRequestMatcher(path("/v3/api-docs"), path("/v3/api-docs/**"),
            path("/swagger-ui/**"), path("/swagger-ui.html")))
        .authenticationManager(manager)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * Changegate's own pages ({@code /}, {@code /changes}, {@code /calendar}, {@code /board}, {@code /delivery},
   * {@code /me}): a session
   * login form against the same identity service, Spring Security's CSRF token on every form that changes something,
   * and strict headers: only what the app itself serves may load ({@code default-src 'self'}, no CDN), no framing.
   * Submitting a change is for the groups that may {@code POST /api/changes}.
   */
  @Bean
  @Order(3)
  SecurityFilterChain pages(HttpSecurity http, AuthenticationManager manager) throws Exception {
    return http.securityMatcher(new OrRequestMatcher(PAGES.stream().map(SecurityConfiguration::path).toList()))
        .authenticationManager(manager)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/login", "/pages/**", "/favicon.ico").permitAll()
            .requestMatchers("/changes/new")
            .hasAnyAuthority(Groups.authorities(Groups.DEVELOPERS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN))
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
            .frameOptions(frame -> frame.deny()))
        .build();
  }

  /** The paths of Changegate's own pages (docs/names.md). */
  static final List<String> PAGES = List.of("/", "/login", "/logout", "/changes", "/changes/**", "/calendar",
      "/board", "/delivery", "/me", "/me/**", "/pages/**", "/favicon.ico");

  /**
   * The webapps (Tasklist, Cockpit, Admin under /camunda) authenticate with their own session login
   * against the same identity service and carry Camunda's CSRF prevention filter; Spring Security adds
   * nothing there that would clash with it.
   */
  @Bean
  @Order(4)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .build();
  }

  /** First of all: a path not in normal form is refused before anything routes or matches it. */
  @Bean
  FilterRegistrationBean<PathGuard> pathGuard(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new PathGuard(json));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Text no database keeps (NUL, lone surrogates) is refused wherever it could be stored; JSON is bounded. */
  @Bean
  FilterRegistrationBean<InputGuard> inputGuard(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new InputGuard(json));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*", "/changes", "/changes/*", "/calendar",
        "/board", "/delivery", "/me/*", "/login");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Every login route is throttled before any password is checked (LoginThrottle). */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, json));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*", "/camunda/api/*", "/v3/*",
        "/swagger-ui/*", "/login");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<OrQueryExpressionGuard> orQueryExpressionGuard(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new OrQueryExpressionGuard(json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AdminSetupGuard> adminSetupGuard(IdentityService identity, ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new AdminSetupGuard(identity, json));
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }

  /** A person logged in with HTTP Basic; a service account's token is not enough. */
  private static final AuthorizationManager<RequestAuthorizationContext> PERSON =
      (authentication, context) -> new AuthorizationDecision(ServiceAccountAuthentication.isPerson(authentication.get()));

  /** A person, or a service account whose scope has {@code action}. */
  private static AuthorizationManager<RequestAuthorizationContext> personOr(ServiceAccountAction action) {
    return (authentication, context) -> {
      var user = authentication.get();
      return new AuthorizationDecision(ServiceAccountAuthentication.isPerson(user) || (user != null
          && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(action.authority()))));
    };
  }

  private static String[] with(String[] authorities, ServiceAccountAction action) {
    String[] all = java.util.Arrays.copyOf(authorities, authorities.length + 1);
    all[authorities.length] = action.authority();
    return all;
  }

  /** The requests of a shared-secret endpoint. */
  static RequestMatcher matcher(SharedSecretEndpoint endpoint) {
    return PathPatternRequestMatcher.withDefaults().matcher(endpoint.method(), endpoint.path());
  }

  /** Matches on the whole path, whichever servlet (Jersey for the engine REST API, Spring MVC) serves it. */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
      writeProblem(response, json, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
          "Log in with HTTP Basic as a Changegate user");
    };
  }

  /** A request to a shared-secret endpoint without its secret: a bearer challenge with what the endpoint needs. */
  private static AuthenticationEntryPoint challenges(List<SharedSecretEndpoint> endpoints, ObjectMapper json,
      AuthenticationEntryPoint otherwise) {
    LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byEndpoint = new LinkedHashMap<>();
    for (SharedSecretEndpoint endpoint : endpoints) {
      byEndpoint.put(matcher(endpoint), (request, response, e) -> {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        writeProblem(response, json, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", endpoint.challenge());
      });
    }
    if (byEndpoint.isEmpty()) {
      return otherwise;
    }
    DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byEndpoint);
    entryPoint.setDefaultEntryPoint(otherwise);
    return entryPoint;
  }

  private static AccessDeniedHandler forbidden(ObjectMapper json) {
    return (request, response, e) -> writeProblem(response, json, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
        "Your groups do not allow " + request.getMethod() + " " + request.getRequestURI());
  }

  /** A refusal of bad input on the engine APIs, in the engine REST API's error format. */
  static void writeEngineError(HttpServletResponse response, ObjectMapper json, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ApiProblemBodies.engineError(message));
  }

  static void writeProblem(HttpServletResponse response, ObjectMapper json, int status, String title,
      String detail) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
