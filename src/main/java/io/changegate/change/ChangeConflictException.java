package io.changegate.change;

/** The change is in a state that does not allow the request (409). */
public class ChangeConflictException extends RuntimeException {

  public ChangeConflictException(String message) {
    super(message);
  }
}
