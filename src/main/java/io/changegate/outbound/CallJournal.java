package io.changegate.outbound;

import java.util.Optional;

/**
 * Where the calls of one idempotency key are written down (a row per key). {@link IdempotentCalls} relies on
 * {@link #recordIntent} committing on its own, before the call is made; the other writes belong to the caller's
 * transaction, so a crash after the call loses them but not the intent.
 *
 * @param <S> what the target ran before the call
 * @param <A> the system's answer
 */
public interface CallJournal<S, A> {

  /** What the journal holds for the key: nothing, a call in flight (CALLING) or a finished one. */
  Optional<Entry<S>> find();

  /** Writes the call as CALLING, with what the target ran before it, and commits at once (a transaction of its own). */
  void recordIntent(S before);

  /** The CALLING entry gets its result and the system's answer. */
  void complete(CallOutcome outcome, A answer);

  /** Writes a finished entry at once: no call was needed, or a dry run (which is never journaled first). */
  void record(CallOutcome outcome, A answer, S before);

  /**
   * An entry of the journal.
   *
   * @param finished false while the call is CALLING: it may or may not have reached the system
   * @param refused the system refused the call
   * @param before what the target ran before the first attempt
   */
  record Entry<S>(boolean finished, boolean refused, S before) {}
}
