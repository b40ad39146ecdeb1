package io.changegate.calendar.api;

import io.changegate.calendar.CalendarFeed;
import io.changegate.calendar.CalendarWindow;
import io.changegate.calendar.Occurrence;
import io.changegate.calendar.WindowKind;
import io.changegate.calendar.WindowSchedule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * The calendar as iCalendar (RFC 5545), written with iCal4j, for Outlook, Google Calendar and Thunderbird:
 * one event per window, in its own time zone (with its VTIMEZONE) and with its RRULE, and one per
 * planned change, in UTC.
 *
 * <p>Changegate keeps each occurrence's wall-clock end (a freeze "until Monday 06:00" ends at 06:00 after a
 * daylight-saving weekend too), while iCalendar gives every occurrence the exact length of the first. Where
 * the two differ, the occurrence is published as an override (RECURRENCE-ID) with its own DTEND, so calendar
 * programs show what Changegate enforces.
 */
final class IcsCalendar {

  static final String PRODUCT = "-//Changegate//Change calendar 1.0//EN";

  private IcsCalendar() {}

  static String write(CalendarFeed.Period period, Instant now) {
    TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.PUBLISH);
    calendar.add(new XProperty("X-WR-CALNAME", "Changegate change calendar"));

    Set<String> zones = new LinkedHashSet<>();
    for (CalendarWindow window : period.windows()) {
      TimeZone zone = registry.getTimeZone(window.timeZone().getId());
      if (zone != null && zones.add(window.timeZone().getId())) {
        calendar.add(zone.getVTimeZone());
      }
      ZoneId eventZone = zone != null ? window.timeZone() : java.time.ZoneOffset.UTC;
      ZonedDateTime start = WindowSchedule.startAt(window.start(), window.timeZone()).withZoneSameInstant(eventZone);
      ZonedDateTime end = WindowSchedule.endAt(window.end(), window.timeZone()).withZoneSameInstant(eventZone);
      VEvent event = windowEvent(window, start, end, now);
      if (window.recurring()) {
        event.add(new RRule<>(window.recurrence()));
      }
      calendar.add(event);
      if (window.recurring()) {
        Duration exact = Duration.between(start, end);
        for (Occurrence o : WindowSchedule.occurrences(window, period.from(), period.to())) {
          if (!o.startInstant().plus(exact).equals(o.endInstant())) {
            VEvent override = windowEvent(window, o.start().withZoneSameInstant(eventZone),
                o.end().withZoneSameInstant(eventZone), now);
            override.add(new RecurrenceId<>(o.start().withZoneSameInstant(eventZone)));
            calendar.add(override);
          }
        }
      }
    }

    for (CalendarFeed.ChangeEntry change : period.changes()) {
      VEvent event = new VEvent(change.start(), change.end(),
          "Change " + change.id() + ": " + change.title());
      event.add(new Uid(change.id() + "@changegate"));
      replaceStamp(event, now);
      event.add(new Description(change.service() + " in " + change.environment() + ", " + change.status()
          + (change.type() == null ? "" : ", " + change.type())));
      event.add(new Categories("CHANGE"));
      event.add(status(change.status()));
      calendar.add(event);
    }

    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ValidationException e) {
      throw new IllegalStateException("the calendar feed is not valid iCalendar: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static VEvent windowEvent(CalendarWindow window, ZonedDateTime start, ZonedDateTime end, Instant now) {
    String label = window.kind() == WindowKind.BLACKOUT ? "Blackout" : "Maintenance";
    VEvent event = new VEvent(start, end, label + ": " + window.title());
    event.add(new Uid(window.id() + "@changegate"));
    replaceStamp(event, now);
    event.add(new Description(window.reason() + "\nScope: " + window.scope() + "\nChangegate " + window.id()));
    event.add(new Categories(window.kind().name()));
    event.add(window.kind() == WindowKind.BLACKOUT ? ImmutableTransp.OPAQUE : ImmutableTransp.TRANSPARENT);
    event.add(ImmutableStatus.VEVENT_CONFIRMED);
    return event;
  }

  private static void replaceStamp(VEvent event, Instant now) {
    event.getProperty(DtStamp.DTSTAMP).ifPresent(event::remove);
    event.add(new DtStamp(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  private static Status status(io.changegate.change.ChangeStatus status) {
    return switch (status) {
      case REJECTED, CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
      case SUBMITTED, IN_REVIEW -> ImmutableStatus.VEVENT_TENTATIVE;
      default -> ImmutableStatus.VEVENT_CONFIRMED;
    };
  }
}
