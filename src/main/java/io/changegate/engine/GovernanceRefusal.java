package io.changegate.engine;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A governance rule refused what a user tried (a decision without its comment, a sign-off by the
 * requester, ...). Thrown inside the engine (task listeners), so Tasklist and {@code /engine-rest} are
 * held to the same rule; the REST API answers it with 400 and this message instead of a server error.
 */
public class GovernanceRefusal extends BadUserRequestException {

  public GovernanceRefusal(String message) {
    super(message);
  }
}
