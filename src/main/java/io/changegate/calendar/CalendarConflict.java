package io.changegate.calendar;

import java.time.Instant;

/**
 * One conflict of a change's slot: what it is, whether it blocks, a sentence for people, and what it is
 * with (a window or another change) and when.
 */
public record CalendarConflict(ConflictType type, boolean blocking, String summary, String windowId,
    String changeId, Instant start, Instant end) {

  static CalendarConflict of(ConflictType type, String summary, String windowId, String changeId, Instant start,
      Instant end) {
    return new CalendarConflict(type, type.blocking(), summary, windowId, changeId, start, end);
  }
}
