package io.changegate.change;

import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.StorableText;
import java.util.List;

/**
 * The reason a person gives to cancel a change, roll it back or rehearse its rollback: optional, at most
 * {@value #MAX_LENGTH} characters of text a database keeps. Checked by the services that take it, so that every way
 * in (the API, the pages, Tasklist) has the same rule; a longer text once reached the engine from a page, which cannot
 * store it, and failed as a server error.
 */
public final class Reason {

  public static final int MAX_LENGTH = 2000;

  private Reason() {}

  /** The reason as given (null for none); refused with a 400 naming the field {@code reason}. */
  public static String checked(String reason) {
    if (reason == null) {
      return null;
    }
    String problem = reason.length() > MAX_LENGTH ? "must be at most " + MAX_LENGTH + " characters"
        : StorableText.problem(reason);
    if (problem != null) {
      throw new InvalidRequestException("The reason cannot be stored", List.of(new FieldError("reason", problem)));
    }
    return reason;
  }
}
