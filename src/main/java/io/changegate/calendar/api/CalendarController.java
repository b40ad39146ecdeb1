package io.changegate.calendar.api;

import io.changegate.calendar.CalendarFeed;
import io.changegate.web.DateRange;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The change calendar of a period ({@code from}, {@code to}: ISO-8601 instants or dates, UTC, within
 * {@link DateRange}; at most {@link #MAX_PERIOD} apart):
 * {@code GET /api/calendar} (JSON), {@code GET /api/calendar.ics} (iCalendar feed to subscribe to or
 * import), {@code GET /api/calendar.xlsx} (Excel workbook). Optional {@code service} and
 * {@code environment} narrow it to what concerns them.
 */
@RestController
class CalendarController {

  static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");
  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  /** The longest period one request may ask for. */
  static final Duration MAX_PERIOD = Duration.ofDays(731);

  private final CalendarFeed feed;
  private final Clock clock;

  CalendarController(CalendarFeed feed, Clock clock) {
    this.feed = feed;
    this.clock = clock;
  }

  /** From today (UTC) for 31 days unless asked otherwise. */
  @GetMapping("/api/calendar")
  CalendarFeed.Period calendar(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String service,
      @RequestParam(required = false) String environment) {
    return period(from, to, Duration.ZERO, Duration.ofDays(31), service, environment);
  }

  /** From 31 days ago to a year ahead unless asked otherwise: what a subscribed calendar program shows. */
  @GetMapping("/api/calendar.ics")
  ResponseEntity<String> ics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String service, @RequestParam(required = false) String environment) {
    CalendarFeed.Period period = period(from, to, Duration.ofDays(31), Duration.ofDays(366), service, environment);
    return ResponseEntity.ok()
        .contentType(TEXT_CALENDAR)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"changegate.ics\"")
        .body(IcsCalendar.write(period, clock.instant()));
  }

  @GetMapping("/api/calendar.xlsx")
  ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String service, @RequestParam(required = false) String environment) {
    CalendarFeed.Period period = period(from, to, Duration.ZERO, Duration.ofDays(31), service, environment);
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"changegate-calendar.xlsx\"")
        .body(XlsxCalendar.write(period));
  }

  private CalendarFeed.Period period(String fromText, String toText, Duration back, Duration ahead, String service,
      String environment) {
    List<FieldError> errors = new ArrayList<>();
    Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    Instant from = fromText == null ? today.minus(back) : instant(fromText, "from", errors);
    Instant to = toText == null ? (from == null ? null : from.plus(back).plus(ahead)) : instant(toText, "to", errors);
    if (from != null && to != null) {
      if (!to.isAfter(from)) {
        errors.add(new FieldError("to", "must be after from"));
      } else if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
        errors.add(new FieldError("to", "must be at most " + MAX_PERIOD.toDays() + " days after from"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("Invalid calendar period", errors);
    }
    return feed.period(from, to, blankToNull(service), blankToNull(environment));
  }

  private static Instant instant(String value, String field, List<FieldError> errors) {
    try {
      Instant instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(value).toInstant();
      if (!DateRange.contains(instant)) {
        errors.add(new FieldError(field, DateRange.MESSAGE + ": '" + value + "'"));
        return null;
      }
      return instant;
    } catch (DateTimeException | ArithmeticException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant (2026-12-01T00:00:00Z) or date (2026-12-01): '"
          + value + "'"));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
