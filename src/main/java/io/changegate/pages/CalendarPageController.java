package io.changegate.pages;

import io.changegate.calendar.CalendarFeed;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /calendar}: a month or a week of blackouts, maintenance windows and scheduled changes, per environment if
 * asked, laid out in the viewer's days and hours; each window also shows its own wall-clock times and zone.
 */
@Controller
class CalendarPageController {

  /** One entry on a day: a change, a blackout or a maintenance window. */
  public record Entry(String kind, String title, String environment, String service, Instant start, Instant end,
      String link, String ownTimes) {}

  /** One day of the grid. */
  public record Day(LocalDate date, boolean inPeriod, boolean today, List<Entry> entries) {

    public String label() {
      return date.format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH));
    }
  }

  private final CalendarFeed feed;
  private final Clock clock;

  CalendarPageController(CalendarFeed feed, Clock clock) {
    this.feed = feed;
    this.clock = clock;
  }

  @GetMapping("/calendar")
  String calendar(@RequestParam(defaultValue = "month") String view, @RequestParam(required = false) String date,
      @RequestParam(required = false) String environment, @ModelAttribute("viewer") Viewer viewer,
      @ModelAttribute("t") Times t, Model model) {
    ZoneId zone = viewer.zone();
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    LocalDate anchor = today;
    if (date != null && !date.isBlank()) {
      try {
        anchor = LocalDate.parse(date.strip());
      } catch (DateTimeException e) {
        model.addAttribute("dateError", "must be a date (YYYY-MM-DD)");
      }
    }
    boolean week = "week".equals(view);
    LocalDate first = week ? anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        : anchor.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate last = week ? first.plusDays(6)
        : anchor.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    Instant from = first.atStartOfDay(zone).toInstant();
    Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
    String env = environment == null || environment.isBlank() ? null : environment.strip();
    CalendarFeed.Period period = feed.period(from, to, null, env);

    List<Entry> entries = new ArrayList<>();
    period.changes().forEach(c -> entries.add(new Entry("change", c.id() + " " + c.title(), c.environment(),
        c.service(), c.start(), c.end(), Links.change(c.id()), null)));
    period.blackouts().forEach(o -> entries.add(window("blackout", o, t)));
    period.maintenanceWindows().forEach(o -> entries.add(window("maintenance", o, t)));

    List<List<Day>> weeks = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(7)) {
      List<Day> days = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        LocalDate d = day.plusDays(i);
        Instant dayStart = d.atStartOfDay(zone).toInstant();
        Instant dayEnd = d.plusDays(1).atStartOfDay(zone).toInstant();
        List<Entry> onDay = entries.stream()
            .filter(e -> e.start() != null && e.start().isBefore(dayEnd)
                && (e.end() == null ? !e.start().isBefore(dayStart) : e.end().isAfter(dayStart)))
            .sorted(java.util.Comparator.comparing(Entry::start)).toList();
        days.add(new Day(d, week || d.getMonth() == anchor.getMonth(), d.equals(today), onDay));
      }
      weeks.add(days);
    }
    model.addAttribute("weeks", weeks);
    model.addAttribute("view", week ? "week" : "month");
    model.addAttribute("environment", env);
    model.addAttribute("title", week ? "Week of " + first.format(DateTimeFormatter.ofPattern("d MMMM yyyy",
        Locale.ENGLISH)) : anchor.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH)));
    model.addAttribute("previous", (week ? anchor.minusWeeks(1) : anchor.minusMonths(1)).toString());
    model.addAttribute("next", (week ? anchor.plusWeeks(1) : anchor.plusMonths(1)).toString());
    model.addAttribute("anchor", anchor.toString());
    model.addAttribute("truncated", period.truncated());
    return "pages/calendar";
  }

  private static Entry window(String kind, CalendarFeed.OccurrenceEntry o, Times t) {
    String ownTimes = t.local(o.localStart(), "") .strip() + " \u2013 " + t.local(o.localEnd(), o.timeZone());
    return new Entry(kind, o.title(), o.environment(), o.service(), o.start(), o.end(), null, ownTimes);
  }
}
