package io.changegate.calendar.api;

import io.changegate.calendar.CalendarFeed;
import io.changegate.calendar.CalendarWindow;
import io.changegate.calendar.Occurrence;
import io.changegate.calendar.WindowKind;
import io.changegate.calendar.WindowSchedule;
import io.changegate.change.ChangeStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * The calendar as iCalendar (RFC 5545), written with iCal4j, for Outlook, Google Calendar and Thunderbird:
 * one event per window, in its own time zone (with its VTIMEZONE) and with its RRULE, and one per
 * planned change, in UTC.
 *
 * <p>Wall-clock times are written as Changegate computes them (java.time, the JDK's time-zone database),
 * never converted through iCal4j's own zone rules: iCal4j 4.2.3 builds wrong rules from some VTIMEZONEs
 * (America/New_York in 2027 switches to daylight time on 7 March there, not on 14 March), so a converted
 * 22:00 EST would be published as 23:00. Calendar programs read the wall-clock times with their own rules.
 * A zone iCal4j has no VTIMEZONE for is published in UTC, each occurrence of a recurring window on its own.
 *
 * <p>Changegate keeps each occurrence's wall-clock end (a freeze "until Monday 06:00" ends at 06:00 after a
 * daylight-saving weekend too), while iCalendar gives every occurrence the exact length of the first. Where
 * the two differ, the occurrence is published as an override (RECURRENCE-ID) with its own DTEND, so calendar
 * programs show what Changegate enforces.
 *
 * <p>A period the JSON feed had to cut ({@code truncated}) carries {@code X-CHANGEGATE-TRUNCATED:TRUE}; each
 * window contributes at most {@link CalendarFeed#MAX_OCCURRENCES_PER_WINDOW} overrides or UTC occurrences.
 */
final class IcsCalendar {

  static final String PRODUCT = "-//Changegate//Change calendar 1.0//EN";
  private static final DateTimeFormatter UID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private IcsCalendar() {}

  static String write(CalendarFeed.Period period, Instant now) {
    TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    // no METHOD: an iTIP PUBLISH would need an ORGANIZER on every event; a plain calendar file imports everywhere
    calendar.add(new XProperty("X-WR-CALNAME", "Changegate change calendar"));

    Set<String> zones = new LinkedHashSet<>();
    for (CalendarWindow window : period.windows()) {
      TimeZone zone = timeZone(registry, window.timeZone().getId());
      if (zone == null) {
        inUtc(calendar, window, period, now);
        continue;
      }
      if (zones.add(zone.getID())) {
        calendar.add(zone.getVTimeZone());
      }
      String tzid = zone.getID();
      VEvent event = windowEvent(window, now);
      event.add(local(new DtStart<>(window.start()), tzid));
      event.add(local(new DtEnd<>(window.end()), tzid));
      if (window.recurring()) {
        event.add(new RRule<>(window.recurrence()));
      }
      calendar.add(event);
      if (window.recurring()) {
        Duration exact = Duration.between(WindowSchedule.startAt(window.start(), window.timeZone()),
            WindowSchedule.endAt(window.end(), window.timeZone()));
        for (Occurrence o : occurrences(window, period)) {
          if (!o.startInstant().plus(exact).equals(o.endInstant())) {
            VEvent override = windowEvent(window, now);
            override.add(local(new DtStart<>(o.start().toLocalDateTime()), tzid));
            override.add(local(new DtEnd<>(o.end().toLocalDateTime()), tzid));
            override.add(local(new RecurrenceId<>(o.start().toLocalDateTime()), tzid));
            calendar.add(override);
          }
        }
      }
    }

    for (CalendarFeed.ChangeEntry change : period.changes()) {
      VEvent event = new VEvent(change.start(), change.end(), "Change " + change.id() + ": " + change.title());
      event.add(new Uid(change.id() + "@changegate"));
      stamp(event, now);
      event.add(new Description(change.service() + " in " + change.environment() + ", " + change.status()
          + (change.type() == null ? "" : ", " + change.type())));
      event.add(new Categories("CHANGE"));
      event.add(status(change.status()));
      calendar.add(event);
    }

    if (period.truncated()) {
      calendar.add(new XProperty("X-CHANGEGATE-TRUNCATED", "TRUE"));
    }
    // a period with nothing in it is a calendar without events, as calendar programs publish an empty calendar
    // (RFC 5545's grammar asks for one component, iCal4j's validation too; every reader accepts none)
    ValidationResult validation = calendar.getComponents().isEmpty() ? new ValidationResult() : calendar.validate();
    if (validation.hasErrors()) {
      throw new IllegalStateException("the calendar feed is not valid iCalendar: " + validation);
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A window in a zone iCal4j cannot describe: its occurrences in the period, each in UTC. */
  private static void inUtc(Calendar calendar, CalendarWindow window, CalendarFeed.Period period, Instant now) {
    for (Occurrence o : occurrences(window, period)) {
      VEvent event = windowEvent(window, now);
      event.add(new DtStart<>(o.startInstant()));
      event.add(new DtEnd<>(o.endInstant()));
      if (window.recurring()) {
        event.getProperty(Property.UID).ifPresent(event::remove);
        event.add(new Uid(window.id() + "-" + UID_TIME.format(o.startInstant().atZone(ZoneOffset.UTC))
            + "@changegate"));
      }
      calendar.add(event);
    }
  }

  /** The window's occurrences in the period, at most as many as the JSON feed carries of one window. */
  private static List<Occurrence> occurrences(CalendarWindow window, CalendarFeed.Period period) {
    List<Occurrence> all = WindowSchedule.occurrences(window, period.from(), period.to(),
        CalendarFeed.MAX_OCCURRENCES_PER_WINDOW);
    return all.size() > CalendarFeed.MAX_OCCURRENCES_PER_WINDOW
        ? all.subList(0, CalendarFeed.MAX_OCCURRENCES_PER_WINDOW) : all;
  }

  /** The VTIMEZONE iCal4j has for a zone (perhaps under the id it is an alias of), or null. */
  private static TimeZone timeZone(TimeZoneRegistry registry, String id) {
    try {
      return registry.getTimeZone(id);
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  /** A wall-clock date-time property in a zone, as written: TZID and the local time, nothing converted. */
  private static <P extends Property> P local(P property, String tzid) {
    property.add(new net.fortuna.ical4j.model.parameter.TzId(tzid));
    return property;
  }

  private static VEvent windowEvent(CalendarWindow window, Instant now) {
    String label = window.kind() == WindowKind.BLACKOUT ? "Blackout" : "Maintenance";
    VEvent event = new VEvent(false);
    stamp(event, now);
    event.add(new Uid(window.id() + "@changegate"));
    event.add(new Summary(label + ": " + window.title()));
    event.add(new Description(window.reason() + "\nScope: " + window.scope() + "\nChangegate " + window.id()));
    event.add(new Categories(window.kind().name()));
    event.add(window.kind() == WindowKind.BLACKOUT ? ImmutableTransp.OPAQUE : ImmutableTransp.TRANSPARENT);
    event.add(ImmutableStatus.VEVENT_CONFIRMED);
    return event;
  }

  private static void stamp(VEvent event, Instant now) {
    event.getProperty(Property.DTSTAMP).ifPresent(event::remove);
    event.add(new DtStamp(now.truncatedTo(ChronoUnit.SECONDS)));
  }

  private static Status status(ChangeStatus status) {
    return switch (status) {
      case REJECTED, CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
      case SUBMITTED, IN_REVIEW -> ImmutableStatus.VEVENT_TENTATIVE;
      default -> ImmutableStatus.VEVENT_CONFIRMED;
    };
  }
}
