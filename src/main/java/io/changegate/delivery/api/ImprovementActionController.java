package io.changegate.delivery.api;

import io.changegate.delivery.ImprovementAction;
import io.changegate.delivery.ImprovementActionRequest;
import io.changegate.delivery.ImprovementActions;
import io.changegate.security.Groups;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/improvement-actions}: actions from postmortems and post-implementation reviews. Operations, the CAB,
 * process owners and administrators record and update them; the metrics readers list them.
 */
@RestController
class ImprovementActionController {

  private final ImprovementActions actions;

  ImprovementActionController(ImprovementActions actions) {
    this.actions = actions;
  }

  @GetMapping("/api/improvement-actions")
  ImprovementActions.Summary list(@RequestParam(required = false) String changeId,
      @RequestParam(required = false) String status, Authentication user) {
    MetricsAccess.check(user);
    return actions.list(changeId, status);
  }

  @GetMapping("/api/improvement-actions/{id}")
  ImprovementAction get(@PathVariable String id, Authentication user) {
    MetricsAccess.check(user);
    return actions.get(id);
  }

  @PostMapping("/api/improvement-actions")
  ResponseEntity<ImprovementAction> record(@RequestBody ImprovementActionRequest request, Authentication user) {
    checkWriter(user);
    ImprovementAction action = actions.record(request, user.getName());
    return ResponseEntity.created(URI.create("/api/improvement-actions/" + action.id())).body(action);
  }

  @PutMapping("/api/improvement-actions/{id}")
  ImprovementAction update(@PathVariable String id, @RequestBody ImprovementActionRequest request,
      Authentication user) {
    checkWriter(user);
    return actions.update(id, request, user.getName());
  }

  /** {@code decision}: ACCEPTED or REJECTED, {@code comment}. */
  record AmendmentDecision(String decision, String comment) {}

  @PostMapping("/api/improvement-actions/{id}/amendment-decision")
  ImprovementAction decide(@PathVariable String id, @RequestBody AmendmentDecision body, Authentication user) {
    if (!Groups.hasAny(user, Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("A template amendment is accepted or rejected by process owners and "
          + "administrators");
    }
    return actions.decideAmendment(id, body.decision(), body.comment(), user.getName());
  }

  private static void checkWriter(Authentication user) {
    if (!Groups.hasAny(user, Groups.OPERATIONS, Groups.CAB, Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Improvement actions are recorded by operations, the CAB, process owners and "
          + "administrators");
    }
  }
}
