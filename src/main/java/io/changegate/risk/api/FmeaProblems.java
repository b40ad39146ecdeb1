package io.changegate.risk.api;

import io.changegate.risk.InvalidWorksheetException;
import io.changegate.risk.WorkbookTooLargeException;
import io.changegate.web.ApiProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The FMEA upload's own problems, in the style of {@link ApiProblems}: a bad workbook is 400 with every error
 * under {@code errors} (each with {@code field}, {@code message}, {@code sheet}, {@code row}, {@code column},
 * {@code cell}); a workbook over the size limit is 413. Ordered before {@link ApiProblems}, whose catch-all
 * would otherwise answer them as internal errors.
 */
@RestControllerAdvice(assignableTypes = FmeaController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FmeaProblems {

  @ExceptionHandler(InvalidWorksheetException.class)
  ProblemDetail invalid(InvalidWorksheetException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(ApiProblems.INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(WorkbookTooLargeException.class)
  ProblemDetail tooLarge(WorkbookTooLargeException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    problem.setTitle("Workbook too large");
    return problem;
  }
}
