package io.changegate.governance.api;

import io.changegate.audit.AuditTrail;
import io.changegate.governance.ModelChange;
import io.changegate.governance.ModelChangeService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model changes for everyone signed in: {@code GET /api/model-changes} (newest first), {@code GET
 * /api/model-changes/{id}} and {@code GET /api/model-changes/{id}/files/{name}} (a proposed file exactly as
 * deployed).
 */
@RestController
@RequestMapping("/api/model-changes")
class ModelChangeController {

  private static final int MAX_LIST = 500;

  private final ModelChangeService modelChanges;
  private final AuditTrail audit;

  ModelChangeController(ModelChangeService modelChanges, AuditTrail audit) {
    this.modelChanges = modelChanges;
    this.audit = audit;
  }

  /** One line per model change. */
  record Summary(String id, String status, String deployedBy, Instant deployedAt, String deploymentId,
      String deploymentName) {}

  @GetMapping
  List<Summary> list(@RequestParam(defaultValue = "100") int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_LIST));
    return modelChanges.list(bounded).stream().map(mc -> new Summary(mc.id(), mc.status().name(), mc.deployedBy(),
        mc.deployedAt(), mc.deploymentId(), mc.deploymentName())).toList();
  }

  @GetMapping("/{id}")
  ModelChangeView get(@PathVariable String id) {
    ModelChangeService.Details details = modelChanges.details(id).orElseThrow(() -> notFound(id));
    List<ModelChangeView.TimelineEvent> timeline = audit.entriesOf(id).stream()
        .map(e -> new ModelChangeView.TimelineEvent(e.action(), e.occurredAt(), e.actor(), e.detailsJson())).toList();
    return ModelChangeView.of(details, timeline);
  }

  @GetMapping("/{id}/files/{name:.+}")
  ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name) {
    ModelChangeService.Details details = modelChanges.details(id).orElseThrow(() -> notFound(id));
    ModelChange.Resource file = details.files().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
            ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, id + " has no file " + name), null));
    MediaType type = file.name().endsWith(".form") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_XML;
    return ResponseEntity.ok().contentType(type).header("X-Content-SHA256", file.sha256())
        .body(file.content().getBytes(StandardCharsets.UTF_8));
  }

  private static ErrorResponseException notFound(String id) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No model change " + id);
    problem.setTitle("Model change not found");
    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
  }
}
