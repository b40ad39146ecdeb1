package io.changegate.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Instants as the viewer reads them: in their zone, with the zone shown. */
public final class Times {

  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final ZoneId zone;

  Times(ZoneId zone) {
    this.zone = zone;
  }

  public String at(Instant instant) {
    return instant == null ? "" : FULL.format(instant.atZone(zone));
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  /** "10:00–11:00" within one day of the viewer, else both ends with their dates. */
  public String range(Instant start, Instant end) {
    if (start == null) {
      return "";
    }
    if (end == null) {
      return time(start);
    }
    boolean oneDay = start.atZone(zone).toLocalDate().equals(end.minusNanos(1).atZone(zone).toLocalDate());
    return oneDay ? time(start) + "\u2013" + time(end) : at(start) + " \u2013 " + at(end);
  }

  /** ISO-8601 for the {@code datetime} attribute of a {@code <time>} element. */
  public String iso(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** A wall-clock time of a window in its own zone ("2026-12-24 18:00 Europe/Berlin"). */
  public String local(String isoOffsetDateTime, String windowZone) {
    if (isoOffsetDateTime == null) {
      return "";
    }
    ZonedDateTime local = ZonedDateTime.parse(isoOffsetDateTime, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    return FULL.format(local) + " " + windowZone;
  }

  public String zone() {
    return zone.getId();
  }
}
