package io.changegate.calendar;

/** Where a change's slot stands in the calendar (process variable {@code calendarVerdict}). */
public enum SlotState {
  /** Free now: the change may deploy. */
  CLEAR,
  /** Its planned start lies ahead and nothing blocks it: wait until then and check again. */
  NOT_YET,
  /** A blackout (or a dependency's maintenance) covers the slot: wait for, or pick, the next free slot. */
  BLOCKED
}
