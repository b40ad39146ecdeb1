package io.changegate.governance;

import io.changegate.engine.GovernanceRefusal;

/** A deployed file Changegate cannot take as a proposal (not readable, too large, CMMN, ...): the deployment is refused with 400. */
public class InvalidModelException extends GovernanceRefusal {

  public InvalidModelException(String message) {
    super(message);
  }
}
