package io.changegate.pages;

import io.changegate.delivery.DeliveryFilter;
import io.changegate.delivery.DoraKey;
import io.changegate.delivery.DoraReport;
import io.changegate.delivery.DoraService;
import io.changegate.delivery.ImprovementActions;
import io.changegate.delivery.Outcomes;
import io.changegate.delivery.Period;
import io.changegate.delivery.ValueStreamReport;
import io.changegate.delivery.ValueStreamService;
import io.changegate.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /delivery}: delivery performance for release managers, the CAB, auditors and process owners (who may read
 * {@code /api/metrics}) — the DORA keys per service, team or environment with their tiers, the gap to the next tier
 * and the key holding each back; a trend chart per key and the value stream's wait and work per stage as inline SVG
 * with the figures as tables; manual touchpoints; the improvement actions; each deployment's failure beside its KPIs;
 * and the link to the same report as Excel.
 */
@Controller
class DeliveryPageController {

  private final DoraService dora;
  private final ValueStreamService valueStream;
  private final ImprovementActions actions;
  private final Outcomes outcomes;
  private final java.time.Clock clock;

  DeliveryPageController(DoraService dora, ValueStreamService valueStream, ImprovementActions actions,
      Outcomes outcomes, java.time.Clock clock) {
    this.dora = dora;
    this.valueStream = valueStream;
    this.actions = actions;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /** The filter as the form shows it. */
  record Filter(String service, String team, String environment, String from, String to, String groupBy) {}

  @GetMapping("/delivery")
  String delivery(@RequestParam(required = false) String service, @RequestParam(required = false) String team,
      @RequestParam(required = false) String environment, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
      @ModelAttribute("viewer") Viewer viewer, HttpServletResponse response, Model model) {
    if (!viewer.mayReadMetrics()) {
      throw new AccessDeniedException("Delivery metrics are for operations, the CAB, auditors, process owners and "
          + "administrators");
    }
    String zone = viewer.zone().getId();
    Filter shown = new Filter(blank(service), blank(team), blank(environment), blank(from), blank(to),
        groupBy == null || groupBy.isBlank() ? "service" : groupBy.strip().toLowerCase(java.util.Locale.ROOT));
    model.addAttribute("filter", shown);
    model.addAttribute("groupings", List.of("service", "team", "environment"));
    try {
      Period period = dora.period(shown.from(), shown.to(), zone);
      DeliveryFilter filter = dora.filter(shown.service(), shown.team(), shown.environment());
      DoraReport report = dora.report(filter, period, shown.groupBy());
      ValueStreamReport stream = valueStream.report(filter, period);
      model.addAttribute("report", report);
      model.addAttribute("periodFrom", LocalDate.ofInstant(period.from(), period.zone()));
      model.addAttribute("periodTo", LocalDate.ofInstant(period.to().minusNanos(1), period.zone()));
      model.addAttribute("trends", trends(report));
      model.addAttribute("stream", stream);
      model.addAttribute("streamChart", streamChart(stream));
      model.addAttribute("actions", actions.list(null, null));
      model.addAttribute("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
      model.addAttribute("outcomes", outcomes.report(filter, period));
      model.addAttribute("excel", "/api/reports/dora.xlsx?" + query(shown, zone));
      model.addAttribute("keyNames", keyNames());
    } catch (InvalidRequestException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", e.errors());
    }
    return "pages/delivery";
  }

  private static List<SvgCharts.LineChart> trends(DoraReport report) {
    List<String> buckets = report.trend().stream().map(DoraReport.TrendPoint::bucket).toList();
    List<SvgCharts.LineChart> charts = new ArrayList<>();
    for (DoraKey key : DoraKey.values()) {
      List<Double> values = report.trend().stream().map(p -> p.figures().value(key)).toList();
      charts.add(SvgCharts.line("trend-" + key.id(), keyNames().get(key.id()), key.unit(), buckets, values));
    }
    return charts;
  }

  private static SvgCharts.BarChart streamChart(ValueStreamReport stream) {
    List<ValueStreamReport.StageFigures> stages = stream.stages();
    return SvgCharts.bars("value-stream", "Wait and work per stage (median hours per change)",
        stages.stream().map(ValueStreamReport.StageFigures::name).toList(),
        stages.stream().map(ValueStreamReport.StageFigures::waitMedianHours).toList(),
        stages.stream().map(ValueStreamReport.StageFigures::workMedianHours).toList());
  }

  static Map<String, String> keyNames() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("deploymentFrequency", "Deployment frequency");
    names.put("leadTimeForChanges", "Lead time for changes");
    names.put("changeFailureRate", "Change failure rate");
    names.put("failedDeploymentRecoveryTime", "Failed-deployment recovery time");
    names.put("deploymentReworkRate", "Deployment rework rate");
    return names;
  }

  private static String query(Filter filter, String zone) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("service", filter.service());
    params.put("team", filter.team());
    params.put("environment", filter.environment());
    params.put("from", filter.from());
    params.put("to", filter.to());
    params.put("groupBy", filter.groupBy());
    params.put("zone", zone);
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> {
      if (v != null) {
        parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return String.join("&", parts);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
