package io.changegate.calendar.process;

import io.changegate.calendar.SlotState;
import io.changegate.engine.ProcessVariable;
import java.util.Date;

/**
 * Variables of the scheduling steps of {@code standard-change} and {@code normal-change}, declared once.
 * Gateways read {@code calendarVerdict} ({@link SlotState} names), timers wait until {@code calendarResumeAt}.
 */
public final class CalendarProcess {

  /** CLEAR, NOT_YET or BLOCKED: the last calendar check. */
  public static final ProcessVariable<String> CALENDAR_VERDICT = ProcessVariable.of("calendarVerdict", String.class);
  /**
   * When to check again: the planned start, or the start of the next free slot after a blackout. A routing value,
   * for the timer right after the verdict's gateway.
   */
  public static final ProcessVariable<Date> CALENDAR_RESUME_AT =
      ProcessVariable.transientOf("calendarResumeAt", Date.class);
  /**
   * The conflicts, one per line, as approvers and requesters read them on their forms. "Check change calendar"
   * stores them for the reschedule form, i.e. when the slot is blocked (or to update a value stored before).
   */
  public static final ProcessVariable<String> CALENDAR_CONFLICTS =
      ProcessVariable.of("calendarConflicts", String.class);
  /** The next free slot, in words, on the reschedule form. */
  public static final ProcessVariable<String> SUGGESTED_SLOT = ProcessVariable.of("suggestedSlot", String.class);
  /** The slot the requester picks (ISO-8601 with offset), prefilled with the suggestion. */
  public static final ProcessVariable<String> NEW_PLANNED_START = ProcessVariable.of("newPlannedStart", String.class);
  public static final ProcessVariable<String> NEW_PLANNED_END = ProcessVariable.of("newPlannedEnd", String.class);
  /** Who picked the new slot (set when the reschedule task completes). */
  public static final ProcessVariable<String> RESCHEDULED_BY = ProcessVariable.of("rescheduledBy", String.class);

  private CalendarProcess() {}
}
