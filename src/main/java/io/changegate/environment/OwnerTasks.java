package io.changegate.environment;

/**
 * The port to the owner group's Tasklist: the engine adapter ({@code environment.process}) starts the processes of
 * {@link EnvironmentProcesses}. Called inside the caller's transaction; returns the process instance id.
 */
public interface OwnerTasks {

  /** A task for the owner group: decide the order of contended bookings (business key: the contention id). */
  String decideBookings(String contentionId, String environment, String ownerGroup, String proposedOrder);

  /** The open task of a contention shows a new proposed order (a booking joined or left it). */
  void showOrder(String processInstanceId, String proposedOrder);

  /** A task for the owner group: decommission an idle environment or keep it (business key: the proposal id). */
  String proposeDecommission(String proposalId, String environment, String ownerGroup, long idleDays);
}
