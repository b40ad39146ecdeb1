package io.changegate.itsm.api;

import io.changegate.itsm.IncidentLinks;
import io.changegate.itsm.LinkedIncident;
import io.changegate.itsm.Problem;
import io.changegate.itsm.ProblemRequest;
import io.changegate.itsm.Problems;
import io.changegate.security.Groups;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents and problems of the ITSM tool linked to changes: {@code POST /api/changes/{id}/incidents},
 * {@code POST /api/problems}, {@code GET /api/problems/{id}}. Operations, the CAB and administrators link; any user
 * reads a problem.
 */
@RestController
class ItsmController {

  private final IncidentLinks links;
  private final Problems problems;

  ItsmController(IncidentLinks links, Problems problems) {
    this.links = links;
    this.problems = problems;
  }

  @PostMapping("/api/changes/{id}/incidents")
  ResponseEntity<LinkedIncident> link(@PathVariable String id, @RequestBody IncidentLinkRequest request,
      Authentication user) {
    checkLinker(user);
    LinkedIncident linked = links.link(id, request.reference(), user.getName());
    return ResponseEntity.status(linked.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/changes/" + id)).body(linked);
  }

  @PostMapping("/api/problems")
  ResponseEntity<Problem> record(@RequestBody ProblemRequest request, Authentication user) {
    checkLinker(user);
    Problem problem = problems.record(request, user.getName());
    return ResponseEntity.created(URI.create("/api/problems/" + problem.id())).body(problem);
  }

  @GetMapping("/api/problems/{id}")
  Problem get(@PathVariable String id) {
    return problems.get(id);
  }

  private static void checkLinker(Authentication user) {
    if (!Groups.hasAny(user, Groups.OPERATIONS, Groups.CAB, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Incidents and problems are linked to changes by operations, the CAB and "
          + "administrators");
    }
  }
}
