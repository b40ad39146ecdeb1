package io.changegate.outbound;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The idempotent external-call protocol: a state-changing call to an external system is made at most once per
 * idempotency key, although the job that makes it runs at least once (a crash or an expired lock runs it again).
 * <ol>
 *   <li>A call the journal holds as finished is not made again, and the target is not asked.</li>
 *   <li>Otherwise the target is asked what it runs. When that is already where the call would take it, no call is
 *       made: the target ran it before, or (journal: CALLING) an earlier attempt called and crashed before it
 *       could record the answer.</li>
 *   <li>Otherwise the call is written down as CALLING in a transaction of its own, then made, then its answer
 *       recorded in the caller's transaction. A dry run is always made (it changes nothing) and recorded after.</li>
 * </ol>
 * What "the target is where the call takes it" means is the call's ({@link ExternalCall#reached}); where the journal
 * lives is the caller's ({@link CallJournal}). Deployments and rollbacks of targets both go through here.
 */
@Component
public class IdempotentCalls {

  /**
   * One attempt: what became of the call, the answer recorded (null when an earlier attempt finished it), and what
   * the target ran before the call (null when an earlier attempt finished it, or the target ran nothing).
   */
  public record Attempt<S, A>(CallOutcome outcome, A answer, S before) {}

  /** Makes {@code call} at most once for the key {@code journal} keeps (see the class comment for how). */
  public <S, A> Attempt<S, A> make(ExternalCall<S, A> call, CallJournal<S, A> journal) {
    Optional<CallJournal.Entry<S>> entry = journal.find();
    if (entry.isPresent() && entry.get().finished()) {
      return new Attempt<>(entry.get().refused() ? CallOutcome.REFUSED_EARLIER : CallOutcome.FINISHED_EARLIER, null,
          null);
    }
    S observed = call.observe();
    boolean reached = !call.dryRun() && call.reached(observed);
    if (entry.isPresent()) {
      // CALLING: an earlier attempt may have called and then crashed before its transaction committed
      S before = entry.get().before();
      if (reached) {
        A answer = call.alreadyThere(observed, true);
        journal.complete(CallOutcome.CALLED_EARLIER, answer);
        return new Attempt<>(CallOutcome.CALLED_EARLIER, answer, before);
      }
      A answer = call.call();
      CallOutcome outcome = outcomeOf(call, answer);
      journal.complete(outcome, answer);
      return new Attempt<>(outcome, answer, before);
    }
    if (reached) {
      A answer = call.alreadyThere(observed, false);
      journal.record(CallOutcome.ALREADY_THERE, answer, observed);
      return new Attempt<>(CallOutcome.ALREADY_THERE, answer, observed);
    }
    if (call.dryRun()) {
      A answer = call.call();
      CallOutcome outcome = outcomeOf(call, answer);
      journal.record(outcome, answer, observed);
      return new Attempt<>(outcome, answer, observed);
    }
    journal.recordIntent(observed);
    A answer = call.call();
    CallOutcome outcome = outcomeOf(call, answer);
    journal.complete(outcome, answer);
    return new Attempt<>(outcome, answer, observed);
  }

  private static <S, A> CallOutcome outcomeOf(ExternalCall<S, A> call, A answer) {
    return !call.succeeded(answer) ? CallOutcome.REFUSED : call.dryRun() ? CallOutcome.DRY_RUN : CallOutcome.CALLED;
  }
}
