package io.changegate.calendar.api;

import io.changegate.calendar.ServiceDependencyService;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The services a service depends on ({@code GET|PUT /api/services/{service}/dependencies}): their maintenance windows
 * are blackouts for it, a required version ({@code "stripe-api >= 2.3"}) is checked at intake against what runs in
 * the change's environment, and the owner group of a service signs off changes to the services it depends on.
 * Declaring is for the CAB, operations and administrators.
 */
@RestController
class ServiceDependencyController {

  private final ServiceDependencyService dependencies;

  ServiceDependencyController(ServiceDependencyService dependencies) {
    this.dependencies = dependencies;
  }

  /**
   * Body of PUT: {@code {"dependsOn": ["stripe-api >= 2.3", "aws-rds"], "ownerGroup": "operations"}} (an empty
   * list removes them all; {@code ownerGroup} left out keeps the one declared).
   */
  record Declaration(List<String> dependsOn, String ownerGroup) {}

  @GetMapping("/api/services/{service}/dependencies")
  ServiceDependencyService.Declaration dependencies(@PathVariable String service) {
    return dependencies.declaration(service);
  }

  @PutMapping("/api/services/{service}/dependencies")
  ServiceDependencyService.Declaration declare(@PathVariable String service, @RequestBody Declaration body,
      Authentication user) {
    return dependencies.declare(service, body.dependsOn(), body.ownerGroup(), user.getName());
  }
}
