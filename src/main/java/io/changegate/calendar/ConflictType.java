package io.changegate.calendar;

/** What a change's slot runs into. */
public enum ConflictType {
  /** Inside a blackout window of its service, its environment or everything: the change may not deploy. */
  BLACKOUT(true),
  /** Inside a maintenance window of a service it depends on: acts as a blackout. */
  DEPENDENCY_MAINTENANCE(true),
  /** Another open change holds an overlapping slot on the same service and environment: approvers decide. */
  CHANGE_OVERLAP(false),
  /** A HIGH-risk production change outside every maintenance window of its service: approvers decide. */
  OUTSIDE_MAINTENANCE_WINDOW(false),
  /** Outside the release train of its service (its release policy), for a change of a risk class that rides it. */
  OUTSIDE_RELEASE_TRAIN(true);

  private final boolean blocking;

  ConflictType(boolean blocking) {
    this.blocking = blocking;
  }

  /** A blocking conflict keeps the change from deploying in that slot; the others are shown and recorded. */
  public boolean blocking() {
    return blocking;
  }
}
