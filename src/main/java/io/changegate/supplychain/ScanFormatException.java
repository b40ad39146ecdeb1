package io.changegate.supplychain;

import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.util.List;

/** A scan that is not what its media type says: every problem with where it is (a JSON path, or line and column). */
public class ScanFormatException extends InvalidRequestException {

  public ScanFormatException(String message, List<FieldError> errors) {
    super(message, errors);
  }
}
