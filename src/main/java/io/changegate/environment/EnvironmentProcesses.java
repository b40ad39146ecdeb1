package io.changegate.environment;

/**
 * The processes of the environment capability and their variables: the owner group's decision on contended
 * bookings ({@code environment-booking}) and on a proposed decommissioning ({@code environment-decommission}).
 * Both are started by Changegate only, with the contention's or the proposal's id as business key; the owner's
 * decision ({@code decision}, {@code comment}, {@code rejectBooking}) is the only thing a person enters.
 */
public final class EnvironmentProcesses {

  public static final String BOOKING = "environment-booking";
  public static final String DECOMMISSION = "environment-decommission";

  /** Set at start, for the task's candidate group and its form (display only; decisions read the tables). */
  public static final String ENVIRONMENT = "environment";
  public static final String OWNER_GROUP = "ownerGroup";
  public static final String PROPOSED_ORDER = "proposedOrder";
  public static final String IDLE_DAYS = "idleDays";

  /** The owner's inputs (the forms' fields). */
  public static final String DECISION = "decision";
  public static final String COMMENT = "comment";
  public static final String REJECT_BOOKING = "rejectBooking";

  private EnvironmentProcesses() {}
}
