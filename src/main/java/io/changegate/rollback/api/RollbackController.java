package io.changegate.rollback.api;

import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.rollback.EvidenceBundle;
import io.changegate.rollback.EvidenceService;
import io.changegate.rollback.RehearsalRequests;
import io.changegate.rollback.RollbackRequestService;
import io.changegate.security.Groups;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/changes/{id}/rollback} (operations, administrators): message {@code RollbackRequested}.
 * {@code POST /api/changes/{id}/rehearse-rollback} (operations, administrators): the rollback of a completed change
 * outside production, on purpose (a rollback rehearsal).
 * {@code GET /api/changes/{id}/evidence} (auditors, operations, administrators and the change's requester):
 * the evidence preserved before its rollback, each item with its SHA-256.
 */
@RestController
@RequestMapping("/api/changes/{id}")
class RollbackController {

  private final RollbackRequestService requests;
  private final EvidenceService evidence;
  private final ChangeService changes;
  private final RehearsalRequests rehearsals;

  RollbackController(RollbackRequestService requests, EvidenceService evidence, ChangeService changes,
      RehearsalRequests rehearsals) {
    this.rehearsals = rehearsals;
    this.requests = requests;
    this.evidence = evidence;
    this.changes = changes;
  }

  /** Optional body of the rollback request. */
  record RollbackRequest(@Size(max = 2000) String reason) {}

  @PostMapping("/rollback")
  ResponseEntity<Map<String, Object>> rollback(@PathVariable String id,
      @Valid @RequestBody(required = false) RollbackRequest body, Authentication user) {
    if (!Groups.hasAny(user, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Only operations or an administrator may roll a change back");
    }
    Change change = requests.request(id, user.getName(), body == null ? null : body.reason());
    return ResponseEntity.accepted().body(Map.of("id", change.id(), "status", change.status().name(),
        "message", "rollback requested; follow GET /api/changes/" + id));
  }

  /**
   * Rehearses the rollback of a COMPLETED change outside production (staging): rolled back on purpose, time to
   * restore measured, data consistency checked by the verification after the rollback.
   */
  @PostMapping("/rehearse-rollback")
  ResponseEntity<Map<String, Object>> rehearse(@PathVariable String id,
      @Valid @RequestBody(required = false) RollbackRequest body, Authentication user) {
    if (!Groups.hasAny(user, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Only operations or an administrator may rehearse a rollback");
    }
    Change change = rehearsals.rehearse(id, user.getName(), body == null ? null : body.reason());
    return ResponseEntity.accepted().body(Map.of("id", change.id(), "status", change.status().name(),
        "message", "rollback rehearsal requested; follow GET /api/changes/" + id));
  }

  @GetMapping("/evidence")
  Map<String, Object> evidence(@PathVariable String id, Authentication user) {
    Change change = changes.get(id);
    if (!Groups.hasAny(user, Groups.AUDITORS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN)
        && !change.requester().equals(user.getName())) {
      throw new AccessDeniedException("Only auditors, operations, administrators and the requester of " + id
          + " may read its evidence");
    }
    List<EvidenceBundle> bundles = evidence.evidenceOf(id);
    return Map.of("changeId", id, "bundles", bundles);
  }
}
