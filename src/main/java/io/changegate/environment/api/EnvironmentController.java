package io.changegate.environment.api;

import io.changegate.environment.Environment;
import io.changegate.environment.EnvironmentRequest;
import io.changegate.environment.EnvironmentService;
import io.changegate.security.Groups;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The environment catalog (docs/api.md): {@code GET|POST /api/environments}, {@code GET|PUT /api/environments/{name}}.
 * Every user reads it; operations and administrators add environments and change any; an owner group changes its
 * own environments' adapters, classification, template and capacity (docs/security.md).
 */
@RestController
class EnvironmentController {

  static final String ENVIRONMENTS = "/api/environments";

  private final EnvironmentService environments;

  EnvironmentController(EnvironmentService environments) {
    this.environments = environments;
  }

  @GetMapping(ENVIRONMENTS)
  List<Environment> list() {
    return environments.list();
  }

  @GetMapping(ENVIRONMENTS + "/{name}")
  Environment get(@PathVariable String name) {
    return environments.get(name);
  }

  @PostMapping(ENVIRONMENTS)
  ResponseEntity<Environment> create(@RequestBody EnvironmentRequest request, Authentication user) {
    Environment created = environments.create(request, editor(user));
    return ResponseEntity.created(URI.create(ENVIRONMENTS + "/" + created.name())).body(created);
  }

  @PutMapping(ENVIRONMENTS + "/{name}")
  Environment update(@PathVariable String name, @RequestBody EnvironmentRequest request, Authentication user) {
    return environments.update(name, request, editor(user));
  }

  private static EnvironmentService.Editor editor(Authentication user) {
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX)).map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
        .toList();
    return new EnvironmentService.Editor(user.getName(),
        Groups.hasAny(user, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN), groups);
  }
}
