package io.changegate.delivery.api;

import io.changegate.delivery.DeliveryFilter;
import io.changegate.delivery.DoraReport;
import io.changegate.delivery.DoraService;
import io.changegate.delivery.Period;
import io.changegate.delivery.ValueStreamReport;
import io.changegate.delivery.ValueStreamService;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/metrics}: delivery performance (DORA keys with tiers) and the value stream (waits per stage and group),
 * for release managers, the CAB and auditors.
 */
@RestController
@RequestMapping("/api/metrics")
class DeliveryMetricsController {

  private final DoraService dora;
  private final ValueStreamService valueStream;

  DeliveryMetricsController(DoraService dora, ValueStreamService valueStream) {
    this.dora = dora;
    this.valueStream = valueStream;
  }

  @GetMapping("/dora")
  DoraReport dora(@RequestParam(required = false) String service, @RequestParam(required = false) String team,
      @RequestParam(required = false) String environment, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String zone,
      @RequestParam(required = false) String groupBy, Authentication user) {
    MetricsAccess.check(user);
    Period period = dora.period(from, to, zone);
    DeliveryFilter filter = dora.filter(service, team, environment);
    return dora.report(filter, period, groupBy);
  }

  @GetMapping("/value-stream")
  ValueStreamReport valueStream(@RequestParam(required = false) String service,
      @RequestParam(required = false) String team, @RequestParam(required = false) String environment,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone, Authentication user) {
    MetricsAccess.check(user);
    Period period = dora.period(from, to, zone);
    return valueStream.report(dora.filter(service, team, environment), period);
  }
}
