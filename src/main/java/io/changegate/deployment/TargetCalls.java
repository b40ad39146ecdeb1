package io.changegate.deployment;

import io.changegate.outbound.CallOutcome;
import io.changegate.outbound.ExternalCall;
import io.changegate.outbound.IdempotentCalls;
import org.springframework.stereotype.Component;

/**
 * The calls that change a target — deploy it, run its migration, roll either back — each made through its adapter
 * at most once per idempotency key ({@link IdempotentCalls}), journaled in {@code changegate_deployment}
 * ({@link DeploymentRecords#journal}). Before each call the target is asked what it runs.
 */
@Component
public class TargetCalls {

  private final DeploymentAdapters adapters;
  private final DeploymentRecords records;
  private final IdempotentCalls calls;

  public TargetCalls(DeploymentAdapters adapters, DeploymentRecords records, IdempotentCalls calls) {
    this.adapters = adapters;
    this.records = records;
    this.calls = calls;
  }

  /**
   * What one attempt did: its outcome, the result it recorded ({@link StoredCall}), the system's answer and what
   * the target ran before (all three null when an earlier attempt finished the call), and the adapter.
   */
  public record Made(CallOutcome outcome, String result, DeploymentOutcome answer, Release before, String adapter) {}

  /** Deploys {@code order}'s target (or runs its migration, {@code kind}) through {@code adapterName}. */
  public Made deploy(DeploymentOrder order, String kind, int targetIndex, String adapterName) {
    DeploymentPort port = adapters.get(adapterName);
    ExternalCall<Release, DeploymentOutcome> deploy = new Call(port, order) {
      @Override
      public boolean reached(Release observed) {
        return order.isSatisfiedBy(observed);
      }

      @Override
      public DeploymentOutcome call() {
        return port.deploy(order);
      }

      @Override
      public DeploymentOutcome alreadyThere(Release observed, boolean earlierAttempt) {
        return DeploymentOutcome.success(earlierAttempt
            ? order.target() + " runs " + order.version() + " already: an earlier attempt of this job called "
                + port.adapter() + "; no second call"
            : order.target() + " already runs " + order.version() + " in " + order.environment() + ": nothing to do",
            null);
      }
    };
    return made(kind, port, calls.make(deploy, records.journal(order, kind, targetIndex, port.adapter())));
  }

  /**
   * Puts back what ran before {@code deployed} ({@code order} is the order that deployed it), through the adapter
   * that deployed it, under the rollback's own idempotency key ({@link DeploymentOrder#restoring}).
   */
  public Made restore(StoredCall deployed, DeploymentOrder order, String kind) {
    Release previous = deployed.previous();
    DeploymentOrder restoring = order.restoring(previous);
    DeploymentPort port = adapters.get(deployed.adapter());
    ExternalCall<Release, DeploymentOutcome> restore = new Call(port, restoring) {
      @Override
      public boolean reached(Release observed) {
        // "nothing runs" is only seen by a port that can see; for one that cannot, nothing observed is unknown
        return previous == null ? observed == null && port.seesReleases() : restoring.isSatisfiedBy(observed);
      }

      @Override
      public DeploymentOutcome call() {
        return port.rollback(order.withIdempotencyKey(restoring.idempotencyKey()), previous);
      }

      @Override
      public DeploymentOutcome alreadyThere(Release observed, boolean earlierAttempt) {
        return DeploymentOutcome.success(deployed.target() + " runs " + (previous == null ? "nothing" : previous)
            + " again" + (earlierAttempt ? ": an earlier attempt rolled it back; no second call" : ""), null);
      }
    };
    return made(kind, port,
        calls.make(restore, records.journal(restoring, kind, deployed.targetIndex(), port.adapter())));
  }

  private static Made made(String kind, DeploymentPort port,
      IdempotentCalls.Attempt<Release, DeploymentOutcome> attempt) {
    String result = attempt.outcome().earlier() ? null : StoredCall.resultOf(kind, attempt.outcome());
    return new Made(attempt.outcome(), result, attempt.answer(), attempt.before(), port.adapter());
  }

  /** What deploy and rollback calls share: the target asked, the dry run, the system's verdict. */
  private abstract static class Call implements ExternalCall<Release, DeploymentOutcome> {

    private final DeploymentPort port;
    private final DeploymentOrder order;

    Call(DeploymentPort port, DeploymentOrder order) {
      this.port = port;
      this.order = order;
    }

    @Override
    public boolean dryRun() {
      return order.dryRun();
    }

    @Override
    public Release observe() {
      return port.currentRelease(order.target(), order.environment()).orElse(null);
    }

    @Override
    public boolean succeeded(DeploymentOutcome answer) {
      return answer.succeeded();
    }
  }
}
