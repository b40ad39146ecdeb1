package io.changegate.delivery.api;

import io.changegate.delivery.DeliveryFilter;
import io.changegate.delivery.DeliveryProperties;
import io.changegate.delivery.DoraCalculator;
import io.changegate.delivery.DoraReport;
import io.changegate.delivery.DoraService;
import io.changegate.delivery.ImprovementActions;
import io.changegate.delivery.Period;
import io.changegate.delivery.ValueStreamService;
import io.changegate.delivery.feedback.FeedbackReport;
import io.changegate.delivery.feedback.FeedbackService;
import io.changegate.delivery.report.DoraWorkbook;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/reports/dora.xlsx}: the DORA report as Excel with native charts and the raw deployments. */
@RestController
class DoraReportController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final DoraService dora;
  private final ValueStreamService valueStream;
  private final ImprovementActions actions;
  private final DeliveryProperties settings;
  private final FeedbackService feedback;

  DoraReportController(DoraService dora, ValueStreamService valueStream, ImprovementActions actions,
      DeliveryProperties settings, FeedbackService feedback) {
    this.feedback = feedback;
    this.dora = dora;
    this.actions = actions;
    this.valueStream = valueStream;
    this.settings = settings;
  }

  @GetMapping("/api/reports/dora.xlsx")
  ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String service,
      @RequestParam(required = false) String team, @RequestParam(required = false) String environment,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone, @RequestParam(required = false) String groupBy,
      Authentication user) {
    MetricsAccess.check(user);
    Period period = dora.period(from, to, zone);
    DeliveryFilter filter = dora.filter(service, team, environment);
    dora.report(filter, period, groupBy, List.of()); // a bad groupBy is refused before the history is read
    List<DoraCalculator.Assessed> rows = dora.assessed(filter, period);
    if (rows.size() > settings.maxReportRows()) {
      throw new InvalidRequestException("Report too large", List.of(new FieldError("to", "the period holds "
          + rows.size() + " deployments, more than the " + settings.maxReportRows() + " a report carries; narrow it")));
    }
    DoraReport report = dora.report(filter, period, groupBy, rows);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    FeedbackReport feedbackReport = FeedbackReport.of(period.from(), period.to(), service, environment,
        feedback.completedBetween(period.from(), period.to(), service, environment));
    DoraWorkbook.write(report, rows, valueStream.report(filter, period), actions.list(null, null), feedbackReport,
        out);
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"changegate-dora.xlsx\"")
        .body(out.toByteArray());
  }
}
