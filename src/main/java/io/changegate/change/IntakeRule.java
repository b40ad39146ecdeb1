package io.changegate.change;

import io.changegate.web.FieldError;
import java.util.List;

/**
 * A rule of another capability that a change request must keep at intake (the environment refresh's targets, the
 * version constraints between services). Every rule adds its errors to the one list the intake answers with
 * {@code 400}; nothing is stored when one is found. The change core names no other capability: they contribute
 * rules as beans.
 */
public interface IntakeRule {

  /** Adds to {@code errors} every way {@code request} breaks this rule; fields already invalid may be skipped. */
  void check(ChangeRequest request, List<FieldError> errors);
}
