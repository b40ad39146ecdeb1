package io.changegate.calendar;

import io.changegate.change.Change;
import java.time.Instant;

/**
 * The change calendar as the rest of Changegate sees it: where a change's slot stands now, with every
 * conflict (blackouts, dependencies' maintenance, overlapping changes, HIGH-risk production outside a
 * maintenance window) and, when it is blocked, the next free slot. Reads only; it records nothing.
 */
public interface CalendarPort {

  /** The change's slot as of now: its planned start (or now, once that has passed) until its planned end. */
  CalendarVerdict check(Change change);

  /**
   * May the change deploy to {@code service} in {@code environment} from {@code when} on (for the time it
   * takes)? Clear, or blocked with the blocking windows as {@link CalendarVerdict#reason()}: for a flow that
   * deploys at a moment of its own (an emergency recording its blackout override).
   */
  CalendarVerdict check(String changeId, String service, String environment, Instant when);
}
