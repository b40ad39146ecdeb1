package io.changegate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The answer to an error no controller answered, for {@code /api} as {@code application/problem+json}: no endpoint
 * at that path (404), a method the endpoint does not have (405, with {@code Allow}), an exception in a filter. Spring
 * Boot's own error controller would answer those with its JSON map or an HTML page; everything else (the pages,
 * the webapps) keeps its answers. What Tomcat refuses before any servlet runs is {@link ApiErrorReportValve}'s.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ApiErrorController extends BasicErrorController {

  private final ObjectMapper json;

  ApiErrorController(ErrorAttributes errorAttributes, ServerProperties server,
      ObjectProvider<ErrorViewResolver> errorViewResolvers, ObjectMapper json) {
    super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
    this.json = json;
  }

  @Override
  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
    if (!ApiProblemBodies.isApi(originalUri(request))) {
      return super.errorHtml(request, response);
    }
    write(request, response);
    return null;
  }

  @Override
  @RequestMapping
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    if (!ApiProblemBodies.isApi(originalUri(request))) {
      return super.error(request);
    }
    HttpStatus status = getStatus(request);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(request, status));
  }

  /** An {@code Accept} the error's answer cannot meet (Boot answers with no body): problem+json all the same. */
  @Override
  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
    if (!ApiProblemBodies.isApi(originalUri(request))) {
      return super.mediaTypeNotAcceptable(request);
    }
    HttpStatus status = getStatus(request);
    try {
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(json.writeValueAsString(problem(request, status)));
    } catch (IOException e) {
      return ResponseEntity.status(status).build();
    }
  }

  private void write(HttpServletRequest request, HttpServletResponse response) {
    HttpStatus status = getStatus(request);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    try {
      json.writeValue(response.getOutputStream(), problem(request, status));
    } catch (IOException e) {
      // the client went away: nothing left to answer
    }
  }

  private Map<String, Object> problem(HttpServletRequest request, HttpStatus status) {
    Object message = getErrorAttributes(request, ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE))
        .get("message");
    return ApiProblemBodies.problem(status.value(), request.getMethod(), originalUri(request),
        message == null ? null : message.toString());
  }

  private static String originalUri(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return uri == null ? request.getRequestURI() : uri.toString();
  }
}
