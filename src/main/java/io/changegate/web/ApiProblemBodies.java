package io.changegate.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The problem+json body of an error that reached no controller of {@code /api} (RFC 9457: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}), for {@link ApiErrorController} and
 * {@link ApiErrorReportValve}. The detail says what to do in the API's words, never an exception's message. Also
 * which API a path belongs to and the engine APIs' error body, for every filter and handler that answers errors
 * itself ({@code security.PathGuard}, {@code security.InputGuard}).
 */
public final class ApiProblemBodies {

  private static final int MAX_INSTANCE = 200;

  private ApiProblemBodies() {}

  /** {@code /api} and everything under it (the webapps' APIs are under {@code /camunda/api}). */
  public static boolean isApi(String uri) {
    return uri != null && (uri.equals("/api") || uri.startsWith("/api/"));
  }

  /**
   * The engine APIs: {@code /engine-rest} and the webapps' {@code /camunda/api}, in any spelling that starts so (a
   * path parameter included: {@code /engine-rest;x=y/user}).
   */
  public static boolean isEngineApi(String uri) {
    return uri != null && (uri.startsWith("/engine-rest") || uri.startsWith("/camunda/api"));
  }

  /** A refusal of bad input on the engine APIs, in the engine REST API's error format. */
  public static Map<String, Object> engineError(String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "InvalidRequestException");
    error.put("message", message);
    error.put("code", null);
    return error;
  }

  /**
   * @param method the request's method, or null when Tomcat could not read it
   * @param uri the path as the client sent it, or null when Tomcat could not read the request line
   * @param reason what Spring said of a 405 or 415 (the method or media type and nothing more), or null
   */
  static Map<String, Object> problem(int status, String method, String uri, String reason) {
    HttpStatus known = HttpStatus.resolve(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", known == null ? "Error " + status : known.getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", detail(status, method, uri, reason));
    if (uri != null) {
      problem.put("instance", uri.length() > MAX_INSTANCE ? uri.substring(0, MAX_INSTANCE) + "..." : uri);
    }
    return problem;
  }

  private static String detail(int status, String method, String uri, String reason) {
    return switch (status) {
      case 400 -> "The request cannot be read: its path, query string or headers are malformed or too large (an"
          + " encoded '/', '\\' or NUL in the path, an incomplete %-escape, a character the query string must"
          + " %-encode, headers over the limit).";
      case 404 -> "No endpoint of the API is at " + uri + "; /v3/api-docs lists them.";
      case 405 -> (method == null ? "This method" : method) + " is not an operation of " + uri
          + "; the Allow header lists those it has.";
      case 406 -> "The API answers application/json and application/problem+json only.";
      case 413 -> "The request is too large.";
      case 501 -> (method == null ? "This method" : method) + " is not a method the server implements.";
      case 505 -> "This HTTP version is not supported; use HTTP/1.1.";
      case 415 -> reason != null && reason.startsWith("Content-Type") ? reason + " The API reads JSON only."
          : "The API reads JSON only (Content-Type: application/json).";
      default -> status >= 500
          ? "The request failed unexpectedly; nothing was changed. The server log has the details."
          : "The request was refused (" + status + ").";
    };
  }
}
