package io.changegate.change;

import io.changegate.web.ConflictException;

/** The change is in a state that does not allow the request (409). */
public class ChangeConflictException extends ConflictException {

  public ChangeConflictException(String message) {
    super("Not possible in the change's current state", message);
  }
}
