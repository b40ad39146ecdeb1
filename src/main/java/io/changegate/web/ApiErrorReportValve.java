package io.changegate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for what it refuses itself, before any filter or servlet runs: a path with an encoded
 * {@code /}, {@code \} or NUL, an incomplete %-escape, a character the query string must %-encode, headers over
 * the limit. Each API answers in its own error format, as it does for every other error:
 * <ul>
 *   <li>{@code /api}: {@code application/problem+json}; so it is when Tomcat could not even read the request line
 *       (a character the query string must %-encode, a malformed method), for then there is no path to tell an
 *       API request from a page's;</li>
 *   <li>the engine APIs ({@code /engine-rest}, the webapps' {@code /camunda/api}): the engine REST API's
 *       {@code {"type", "message", "code"}}, a 400 as {@code InvalidRequestException} like their other refusals of
 *       bad input;</li>
 *   <li>elsewhere Tomcat's HTML page, without its report or server version (as Spring Boot configures it).</li>
 * </ul>
 */
public class ApiErrorReportValve extends ErrorReportValve {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ApiErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    String uri = request.getRequestURI();
    boolean targetRead = uri != null && !uri.isEmpty();
    boolean engineApi = targetRead && ApiProblemBodies.isEngineApi(uri);
    if (targetRead && !engineApi && !ApiProblemBodies.isApi(uri)) {
      super.report(request, response, throwable);
      return;
    }
    int status = response.getStatus();
    // as Tomcat's report: not for a success, not when an answer was written, once per response
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    try {
      Object body;
      if (engineApi) {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        body = ApiProblemBodies.engineError(status == 400
            ? "HTTP 400 Bad Request: the path, query string or headers are malformed or too large (an encoded '/', '\\'"
                + " or NUL in the path, an incomplete %-escape, headers over the limit)"
            : "HTTP " + status);
      } else {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        body = ApiProblemBodies.problem(status, request.getMethod(), targetRead ? uri : null, null);
      }
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(body));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away or the response was committed meanwhile: nothing left to answer
    }
  }
}
