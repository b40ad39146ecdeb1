package io.changegate.outbound;

/** What became of an {@link ExternalCall} made through {@link IdempotentCalls}. */
public enum CallOutcome {
  /** Called now, and the system accepted the call. */
  CALLED,
  /** Called now, and the system refused it. */
  REFUSED,
  /** A dry run: called to describe what it would do; nothing changed. */
  DRY_RUN,
  /** Not called: the target already ran what the call would put there. */
  ALREADY_THERE,
  /**
   * Not called: an earlier attempt of this job called, then crashed before recording the answer; the target says
   * it took effect.
   */
  CALLED_EARLIER,
  /** Not called, not asked: the journal holds the finished call of an earlier attempt (accepted or a dry run). */
  FINISHED_EARLIER,
  /** Not called, not asked: the journal holds the call of an earlier attempt, which the system refused. */
  REFUSED_EARLIER;

  /** The system did not refuse: the target is, or is on its way to, where the call takes it. */
  public boolean succeeded() {
    return this != REFUSED && this != REFUSED_EARLIER;
  }

  /** This attempt found the call finished by an earlier one and did nothing. */
  public boolean earlier() {
    return this == FINISHED_EARLIER || this == REFUSED_EARLIER;
  }
}
