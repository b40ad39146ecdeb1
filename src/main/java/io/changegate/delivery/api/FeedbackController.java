package io.changegate.delivery.api;

import io.changegate.delivery.DoraService;
import io.changegate.delivery.Period;
import io.changegate.delivery.feedback.FeedbackReport;
import io.changegate.delivery.feedback.FeedbackService;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/metrics/feedback}: the 72-hour feedback of the changes completed in a period (metrics readers). */
@RestController
class FeedbackController {

  private final FeedbackService feedback;
  private final DoraService dora;

  FeedbackController(FeedbackService feedback, DoraService dora) {
    this.feedback = feedback;
    this.dora = dora;
  }

  @GetMapping("/api/metrics/feedback")
  FeedbackReport report(@RequestParam(required = false) String service,
      @RequestParam(required = false) String environment, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String zone, Authentication user) {
    MetricsAccess.check(user);
    Period period = dora.period(from, to, zone);
    return FeedbackReport.of(period.from(), period.to(), service, environment,
        feedback.completedBetween(period.from(), period.to(), service, environment));
  }
}
