package io.changegate.risk;

import java.util.List;

/** A worksheet that cannot be accepted, with every error found and where it is (400); nothing was stored. */
public class InvalidWorksheetException extends RuntimeException {

  private final transient List<WorksheetError> errors;

  public InvalidWorksheetException(String message, List<WorksheetError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public List<WorksheetError> errors() {
    return errors;
  }
}
