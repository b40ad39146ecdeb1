package io.changegate.environment;

/** Where a booking stands. */
public enum BookingState {
  /** Granted: within the environment's capacity, or placed there by the owner's decision. */
  CONFIRMED,
  /** More bookings overlap than the environment takes: its owner group decides the order (a Tasklist task). */
  CONTENDED,
  /** The owner accepted an order in which this booking falls beyond the capacity. */
  DISPLACED,
  /** The owner rejected it. */
  REJECTED,
  /** Withdrawn by its requester, the owner group or operations. */
  CANCELLED;

  /** Whether the booking holds (or may still get) its share of the environment. */
  public boolean active() {
    return this == CONFIRMED || this == CONTENDED;
  }
}
