package io.changegate.calendar.api;

import io.changegate.calendar.ReleasePolicy;
import io.changegate.calendar.ReleasePolicyRequest;
import io.changegate.calendar.ReleasePolicyService;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service's release policy ({@code GET|PUT /api/services/{service}/release-policy}): continuous, or a weekly or
 * monthly train that changes of the listed risk classes must ride (the calendar check refuses a slot outside it).
 * Declaring is for the CAB, operations and administrators.
 */
@RestController
class ReleasePolicyController {

  private final ReleasePolicyService policies;

  ReleasePolicyController(ReleasePolicyService policies) {
    this.policies = policies;
  }

  @GetMapping("/api/services/{service}/release-policy")
  ReleasePolicy get(@PathVariable String service) {
    return policies.of(service);
  }

  @PutMapping("/api/services/{service}/release-policy")
  ReleasePolicy declare(@PathVariable String service, @RequestBody ReleasePolicyRequest body, Authentication user) {
    return policies.declare(service, body, user.getName());
  }
}
