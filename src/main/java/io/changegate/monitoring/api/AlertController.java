package io.changegate.monitoring.api;

import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.monitoring.AlertOutcome;
import io.changegate.monitoring.AlertProperties;
import io.changegate.monitoring.AlertService;
import io.changegate.monitoring.AlertmanagerNotification;
import io.changegate.security.Groups;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts}: the Prometheus Alertmanager webhook (payload version 4), authenticated with the
 * webhook's own secret ({@link AlertProperties}); answers 200 with what became of each alert, 400 for a payload
 * that is not one. {@code GET /api/alerts} (auditors, operations, administrators; HTTP Basic): the alerts
 * received, newest first.
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

  static final int MAX_LIST = 500;

  private final AlertService alerts;

  AlertController(AlertService alerts) {
    this.alerts = alerts;
  }

  @PostMapping
  Map<String, Object> receive(@Valid @RequestBody AlertmanagerNotification notification) {
    List<AlertOutcome> outcomes = alerts.receive(notification);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("received", outcomes.size());
    answer.put("alerts", outcomes);
    return answer;
  }

  @GetMapping
  List<Map<String, Object>> recent(@RequestParam(defaultValue = "100") int limit, Authentication user) {
    if (!Groups.hasAny(user, Groups.AUDITORS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Only auditors, operations and administrators may read the alerts received");
    }
    if (limit < 1 || limit > MAX_LIST) {
      throw new InvalidRequestException("Invalid query",
          List.of(new FieldError("limit", "must be between 1 and " + MAX_LIST)));
    }
    return alerts.recent(limit);
  }
}
