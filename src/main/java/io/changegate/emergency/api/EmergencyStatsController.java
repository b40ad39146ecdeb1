package io.changegate.emergency.api;

import io.changegate.web.DateRange;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.emergency.EmergencyStats;
import io.changegate.emergency.EmergencyStatsService;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/changes/stats?from=&to=}: emergency share and abuses per service and requester.
 * {@code from}/{@code to} are ISO instants or dates ({@code to} exclusive); the default is the last 30 days.
 */
@RestController
class EmergencyStatsController {

  private final EmergencyStatsService stats;
  private final Clock clock;

  EmergencyStatsController(EmergencyStatsService stats, Clock clock) {
    this.stats = stats;
    this.clock = clock;
  }

  @GetMapping("/api/changes/stats")
  EmergencyStats stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    List<FieldError> errors = new ArrayList<>();
    Instant end = parse("to", to, clock.instant(), errors);
    Instant start = parse("from", from, end.minus(Duration.ofDays(30)), errors);
    if (errors.isEmpty() && !start.isBefore(end)) {
      errors.add(new FieldError("from", "must be before 'to'"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid period", errors);
    }
    return stats.between(start, end);
  }

  private static Instant parse(String field, String value, Instant fallback, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      Instant instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(value);
      if (!DateRange.contains(instant)) {
        errors.add(new FieldError(field, DateRange.MESSAGE + ": '" + value + "'"));
        return fallback;
      }
      return instant;
    } catch (DateTimeException | ArithmeticException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant or date, e.g. 2026-11-01 or 2026-11-01T00:00:00Z"));
      return fallback;
    }
  }
}
