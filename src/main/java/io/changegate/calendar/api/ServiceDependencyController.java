package io.changegate.calendar.api;

import io.changegate.calendar.WindowService;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The services a service depends on ({@code GET|PUT /api/services/{service}/dependencies}): their
 * maintenance windows are blackouts for it. Declaring is for the CAB, operations and administrators.
 */
@RestController
class ServiceDependencyController {

  private final WindowService windows;

  ServiceDependencyController(WindowService windows) {
    this.windows = windows;
  }

  /** Body and answer: {@code {"service": "payments-api", "dependsOn": ["stripe", "aws-rds"]}}. */
  record Dependencies(String service, List<String> dependsOn) {}

  /** Body of PUT: {@code {"dependsOn": [...]}} (an empty list removes them all). */
  record Declaration(List<String> dependsOn) {}

  @GetMapping("/api/services/{service}/dependencies")
  Dependencies dependencies(@PathVariable String service) {
    return new Dependencies(service, windows.dependenciesOf(service));
  }

  @PutMapping("/api/services/{service}/dependencies")
  Dependencies declare(@PathVariable String service, @RequestBody Declaration body, Authentication user) {
    return new Dependencies(service, windows.declareDependencies(service, body.dependsOn(), user.getName()));
  }
}
