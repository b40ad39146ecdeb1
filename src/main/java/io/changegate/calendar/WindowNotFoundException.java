package io.changegate.calendar;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No window of that kind has that id: 404 problem+json. */
public class WindowNotFoundException extends ErrorResponseException {

  public WindowNotFoundException(WindowKind kind, String id) {
    super(HttpStatus.NOT_FOUND, problem(kind, id), null);
  }

  private static ProblemDetail problem(WindowKind kind, String id) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "No " + kind.label().toLowerCase(java.util.Locale.ROOT) + " has the id '" + id + "'");
    problem.setTitle(kind.label() + " not found");
    return problem;
  }
}
