package io.changegate.environment;

import java.time.Instant;

/**
 * One booking of a non-production environment.
 *
 * @param id {@code BKG-} and 12 hex digits
 * @param release the release it is for (a free reference: a version, a train), or null
 * @param changeId the change it is for, or null
 * @param criticality EMERGENCY, HIGH or NORMAL, as its change backs it
 * @param start first instant of the range
 * @param end first instant after the range
 * @param position its place in the order the owner group accepted, when it was contended
 * @param contentionId the contention the owner decided or decides, when it was contended
 * @param reason why it got its state (the owner's comment, the order's reason)
 */
public record Booking(String id, String environment, String team, String release, String changeId,
    Criticality criticality, Instant start, Instant end, BookingState state, Integer position, String contentionId,
    String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String reason) {

  public boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && from.isBefore(end);
  }
}
