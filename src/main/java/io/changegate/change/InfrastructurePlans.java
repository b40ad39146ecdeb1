package io.changegate.change;

import java.util.Optional;

/**
 * The infrastructure plan a change carries (a {@code terraform show -json} plan or a {@code helm diff}), as the
 * approvals and the deployment need it. The infrastructure capability implements it; the change core names no other
 * capability.
 */
public interface InfrastructurePlans {

  /** What approvers read on their form: the plan's SHA-256 and summary, destroys marked; a line when there is none. */
  String describe(String changeId);

  /** Why the change may not be deployed as its plan stands (changed since it was approved), or empty. */
  Optional<String> refusal(String changeId);
}
