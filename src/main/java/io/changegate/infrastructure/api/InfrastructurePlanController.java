package io.changegate.infrastructure.api;

import io.changegate.infrastructure.InfrastructurePlan;
import io.changegate.infrastructure.InfrastructurePlanService;
import io.changegate.infrastructure.PlanFormat;
import io.changegate.infrastructure.PlanSummary;
import io.changegate.security.Groups;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The infrastructure plan of a change (docs/api.md): {@code PUT /api/changes/{id}/infrastructure-plan} with
 * {@code terraform show -json} output ({@code application/json}) or {@code helm diff} output ({@code text/plain}),
 * {@code GET} its summary, and {@code POST .../infrastructure-plan/verification} with the plan about to be applied.
 */
@RestController
@RequestMapping("/api/changes/{id}/infrastructure-plan")
class InfrastructurePlanController {

  private final InfrastructurePlanService plans;

  InfrastructurePlanController(InfrastructurePlanService plans) {
    this.plans = plans;
  }

  /** The plan as answered: everything but its text. */
  record PlanView(String changeId, PlanFormat format, String sha256, PlanSummary summary, String description,
      String attachedBy, Instant attachedAt) {

    static PlanView of(InfrastructurePlan plan) {
      return new PlanView(plan.changeId(), plan.format(), plan.sha256(), plan.summary(),
          plan.summary().describe(plan.format(), plan.sha256()), plan.attachedBy(), plan.attachedAt());
    }
  }

  @GetMapping
  PlanView get(@PathVariable String id) {
    return PlanView.of(plans.get(id));
  }

  @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
  ResponseEntity<PlanView> attach(@PathVariable String id, HttpServletRequest request, Authentication user)
      throws IOException {
    PlanFormat format = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON)
        ? PlanFormat.TERRAFORM : PlanFormat.HELM_DIFF;
    InfrastructurePlan plan = plans.attach(id, format, body(request), user.getName(),
        Groups.hasAny(user, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN));
    return ResponseEntity.created(URI.create("/api/changes/" + id + "/infrastructure-plan")).body(PlanView.of(plan));
  }

  @PostMapping(value = "/verification", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
  ResponseEntity<?> verify(@PathVariable String id, HttpServletRequest request, Authentication user)
      throws IOException {
    InfrastructurePlanService.Verification verification = plans.verify(id, body(request), user.getName());
    if (verification.matches()) {
      return ResponseEntity.ok(verification);
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The plan presented (SHA-256 "
        + verification.presentedSha256() + ") is not the plan approved for " + id + " ("
        + verification.approvedSha256() + "); the change will not be deployed");
    problem.setTitle("Plan differs from the approved plan");
    problem.setType(URI.create("https://changegate.io/problems/plan-mismatch"));
    return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** The body, read up to one byte past the limit (the service refuses what is larger). */
  private static byte[] body(HttpServletRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(InfrastructurePlanService.MAX_CHARS + 1);
    }
  }
}
