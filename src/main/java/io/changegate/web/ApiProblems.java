package io.changegate.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of {@code /api} as {@code application/problem+json} (RFC 9457). Invalid input lists every
 * field error under {@code errors}: {@code [{"field": "artifact.digest", "message": "..."}]}. For the API's
 * controllers only (every one is a {@code @RestController}): the pages answer with a page ({@code pages.PageErrors}).
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

  public static final URI INVALID_REQUEST = URI.create("https://changegate.io/problems/invalid-request");
  /** What PostgreSQL says of a NUL character in text. */
  static final String POSTGRES_NUL = "invalid byte sequence for encoding \"UTF8\": 0x00";

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    return invalidRequest(e.getMessage(), e.errors());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, e.title(), e.getMessage());
  }

  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail busy(OptimisticLockingException e) {
    return problem(HttpStatus.CONFLICT, "The change moved on meanwhile",
        "The change was updated by another step at the same moment; read it again and retry.");
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  /** Anything unexpected: logged with its cause, answered without internals. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains(POSTGRES_NUL)) {
        // refused on the way in (security.InputGuard, StorableText); this catches any way in that was missed
        LOG.warn("Text with a NUL character reached PostgreSQL", e);
        return invalidRequest("The request carries text that cannot be stored",
            List.of(new FieldError("(body)", "must not contain the NUL character (U+0000)")));
      }
    }
    LOG.error("Unexpected error while serving an API request", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The request failed unexpectedly; nothing was changed. The server log has the details.");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getCause();
    FieldError error;
    if (cause instanceof UnrecognizedPropertyException unknown) {
      error = new FieldError(path(unknown), "is not a field of this request"
          + ("requester".equals(unknown.getPropertyName()) ? " (the requester is the authenticated user)" : ""));
    } else if (cause instanceof InvalidFormatException format) {
      error = new FieldError(path(format), "cannot be read as " + format.getTargetType().getSimpleName()
          + ": '" + format.getValue() + "'");
    } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      error = new FieldError(path(mismatch), "has the wrong type (expected "
          + (mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName()) + ")");
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      error = new FieldError(path(mapping), mapping.getOriginalMessage());
    } else if (cause instanceof JsonProcessingException parse && parse.getLocation() != null) {
      error = new FieldError("(body)", "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
          + parse.getLocation().getColumnNr() + ": " + parse.getOriginalMessage());
    } else {
      error = new FieldError("(body)", "a JSON body is required");
    }
    return ResponseEntity.badRequest().body(invalidRequest("The request body cannot be read", List.of(error)));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldError(f.getField(), f.getDefaultMessage())).toList();
    return ResponseEntity.badRequest().body(invalidRequest("The request has invalid fields", errors));
  }

  static ProblemDetail invalidRequest(String detail, List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors);
    return problem;
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }
}
