package io.changegate.outbound;

/**
 * One state-changing call to an external system (deploy a target, roll it back), as {@link IdempotentCalls} makes
 * it: the target can be asked what it runs, and whether that is where the call would take it.
 *
 * @param <S> what the target reports it runs (e.g. a release)
 * @param <A> the system's answer to the call
 */
public interface ExternalCall<S, A> {

  /**
   * A dry run changes nothing anywhere: it is always called (to describe what it would do) and never journaled
   * first.
   */
  boolean dryRun();

  /** What the target runs (or is already rolling out) now; null when it runs nothing. Asked before every call. */
  S observe();

  /** True when {@code observed} is exactly where this call would take the target. */
  boolean reached(S observed);

  /** The call itself. A technical failure throws (the job is retried); a refusal is an answer. */
  A call();

  /** False when the system refused the call (a business answer, not a technical failure). */
  boolean succeeded(A answer);

  /**
   * The answer recorded when no call is made because the target is already there: it ran that before
   * ({@code earlierAttempt} false), or an earlier attempt of this job called and then crashed before recording the
   * answer ({@code earlierAttempt} true).
   */
  A alreadyThere(S observed, boolean earlierAttempt);
}
