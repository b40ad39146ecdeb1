package io.changegate.calendar;

import io.changegate.change.Change;

/**
 * The change calendar as the rest of Changegate sees it: where a change's slot stands now, with every
 * conflict (blackouts, dependencies' maintenance, overlapping changes, HIGH-risk production outside a
 * maintenance window) and, when it is blocked, the next free slot. Reads only; it records nothing.
 */
public interface CalendarPort {

  CalendarVerdict check(Change change);
}
