package io.changegate.deployment;

import java.util.Optional;

/** Where a digest was deployed and validated: what the promotion policy asks of the changes recorded so far. */
public interface ValidatedReleases {

  /**
   * The newest change that deployed this digest of the service to the environment and validated it (COMPLETED, not
   * a dry run), if any.
   */
  Optional<String> validatedIn(String environment, String service, String digest);
}
