package io.changegate.deployment;

import java.util.Optional;
import java.util.Set;

/** Where a digest was deployed and validated: what the promotion policy asks of the changes recorded so far. */
public interface ValidatedReleases {

  /**
   * The newest change that deployed this digest of the service to the environment and validated it (COMPLETED, not
   * a dry run) — or rolled it back on purpose in a passed rollback rehearsal (ROLLED_BACK, rehearsal PASSED) —, if any; with {@code notThrough} adapters (the simulators), only a change with at least one recorded
   * deployment call and none through those adapters counts.
   */
  Optional<String> validatedIn(String environment, String service, String digest, Set<String> notThrough);
}
