package io.changegate.environment;

import java.time.Instant;
import java.util.List;

/**
 * How an environment is used: its last deployment, the deployments of the last 30 days, its open changes, its
 * deployment slots and bookings, how long it has been idle (since its last deployment or the end of its last booking,
 * or since it was added), whether it is a candidate for decommissioning (a non-production environment idle for
 * {@code changegate.environments.idle-days} or more) and the latest decommission proposal made to its owner.
 *
 * @param slots the deployment slots: the limit (the catalog's capacity), how many are held, how many changes wait
 * @param bookingsActive confirmed or contended bookings whose range includes now
 * @param bookingsUpcoming confirmed or contended bookings that start later
 * @param openContentions contentions waiting for the owner group's order
 */
public record Utilization(String environment, String kind, String ownerGroup, Instant lastDeployment,
    long deploymentsLast30Days, int capacity, List<String> openChanges, Instant idleSince, long idleDays, boolean idle,
    String proposal, Slots slots, long bookingsActive, long bookingsUpcoming, long openContentions,
    Decommission decommission) {

  /** Deployment slots now. */
  public record Slots(int limit, int inUse, int waiting) {}

  /** The latest decommission proposal: PROPOSED (a task for the owner group), DECOMMISSION or KEEP. */
  public record Decommission(String id, Instant idleSince, Instant proposedAt, String state, String decidedBy,
      Instant decidedAt) {}
}
