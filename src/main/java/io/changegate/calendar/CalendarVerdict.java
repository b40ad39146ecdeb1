package io.changegate.calendar;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The calendar's answer for one change: the slot it would take, every conflict of that slot, and what to
 * do: deploy ({@link SlotState#CLEAR}), wait until {@code resumeAt} ({@link SlotState#NOT_YET}), or, when
 * {@link SlotState#BLOCKED}, move to {@code suggestion}, the next free slot ({@code null} when none lies
 * within the search horizon; {@code resumeAt} is then the end of the blocking windows).
 */
public record CalendarVerdict(SlotState state, Slot slot, List<CalendarConflict> conflicts, Instant resumeAt,
    Slot suggestion) {

  public CalendarVerdict {
    conflicts = List.copyOf(conflicts);
  }

  public boolean clear() {
    return state == SlotState.CLEAR;
  }

  public List<CalendarConflict> blocking() {
    return conflicts.stream().filter(CalendarConflict::blocking).toList();
  }

  /** In one line: what blocks the slot, or that it is clear. */
  public String reason() {
    List<CalendarConflict> blocking = blocking();
    if (blocking.isEmpty()) {
      return state == SlotState.NOT_YET ? "waiting for the planned start " + resumeAt : "slot clear";
    }
    return blocking.stream().map(CalendarConflict::summary).collect(Collectors.joining("; "));
  }

  /** When a blocked slot frees up (the start of the next free slot), else null. */
  public Instant blockedUntil() {
    return state == SlotState.BLOCKED ? resumeAt : null;
  }

  /** One line per conflict, for approvers' and requesters' forms. */
  public String describeConflicts() {
    if (conflicts.isEmpty()) {
      return "No calendar conflicts for the slot " + slot + ".";
    }
    return conflicts.stream()
        .map(c -> (c.blocking() ? "BLOCKS: " : "Note: ") + c.summary())
        .collect(Collectors.joining("\n"));
  }
}
