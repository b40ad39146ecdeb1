package io.changegate.emergency;

/** What the CAB concludes in the post-implementation review of an emergency change. */
public enum PirVerdict {
  /** The emergency path was justified. */
  ACCEPTED,
  /** It should have been a normal change: counts as an abuse of the emergency path. */
  SHOULD_HAVE_BEEN_NORMAL
}
