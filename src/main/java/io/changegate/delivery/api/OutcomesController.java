package io.changegate.delivery.api;

import io.changegate.delivery.DoraService;
import io.changegate.delivery.Outcomes;
import io.changegate.delivery.OutcomesRequest;
import io.changegate.delivery.Period;
import io.changegate.security.Groups;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outcomes of changes: {@code GET|PUT /api/changes/{id}/outcomes} (KPIs before and after, the A/B experiment and its
 * verdict) and {@code GET /api/metrics/outcomes} (each deployment's failure beside its KPIs).
 */
@RestController
class OutcomesController {

  private final Outcomes outcomes;
  private final DoraService dora;

  OutcomesController(Outcomes outcomes, DoraService dora) {
    this.outcomes = outcomes;
    this.dora = dora;
  }

  @GetMapping("/api/changes/{id}/outcomes")
  Outcomes.ChangeOutcomes get(@PathVariable String id) {
    return outcomes.of(id);
  }

  @PutMapping("/api/changes/{id}/outcomes")
  Outcomes.ChangeOutcomes record(@PathVariable String id, @RequestBody OutcomesRequest request, Authentication user) {
    if (!Groups.hasAny(user, Groups.DEVELOPERS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Outcomes are recorded by developers (pipelines), operations and administrators");
    }
    return outcomes.record(id, request, user.getName());
  }

  @GetMapping("/api/metrics/outcomes")
  List<Outcomes.Row> report(@RequestParam(required = false) String service,
      @RequestParam(required = false) String team, @RequestParam(required = false) String environment,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone, Authentication user) {
    MetricsAccess.check(user);
    Period period = dora.period(from, to, zone);
    return outcomes.report(dora.filter(service, team, environment), period);
  }
}
