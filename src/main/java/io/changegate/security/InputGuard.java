package io.changegate.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.web.ApiProblemBodies;
import io.changegate.web.ApiProblems;
import io.changegate.web.FieldError;
import io.changegate.web.StorableText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 and before anything is stored, text no database keeps faithfully ({@link StorableText}: the
 * NUL character, lone surrogates) wherever a request carries text to {@code /api}, {@code /engine-rest} or the
 * webapps' API: query and form parameters (names and values) and every key and string of a JSON body. JSON
 * bodies are limited to {@value #MAX_BODY_BYTES} bytes (413 beyond) and their arrays to
 * {@value #MAX_ARRAY_ITEMS} items (400 beyond: a query with more values than the database takes parameters
 * would fail as a server error). {@code /api} answers {@code application/problem+json} naming the field
 * ({@code artifact.version}, {@code targets[0].name}); the engine APIs answer in the engine REST API's error
 * format. Changegate's pages take parameters and forms too (a search, a reason to cancel): there the refusal is
 * the error page, naming the parameter.
 */
class InputGuard extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = OrQueryExpressionGuard.MAX_BODY_BYTES;
  static final int MAX_ARRAY_ITEMS = 10_000;

  private final ObjectMapper json;
  private final JsonFactory parsers = new JsonFactory();

  InputGuard(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      String problem = StorableText.problem(parameter.getKey());
      for (String value : parameter.getValue()) {
        problem = problem != null ? problem : StorableText.problem(value);
      }
      if (problem != null) {
        refuse(request, response, "parameter " + printable(parameter.getKey()), problem);
        return;
      }
    }
    if (!carriesJson(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      SecurityConfiguration.writeProblem(response, json, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "Request too large", "JSON bodies are limited to " + MAX_BODY_BYTES + " bytes");
      return;
    }
    String[] unstorable = unstorableText(body);
    if (unstorable != null) {
      refuse(request, response, unstorable[0], unstorable[1]);
      return;
    }
    chain.doFilter(new OrQueryExpressionGuard.CachedBodyRequest(request, body), response);
  }

  /** A JSON body on its way in: JSON content, or no content type on the engine APIs (which read it as JSON). */
  private static boolean carriesJson(HttpServletRequest request) {
    String method = request.getMethod();
    if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method) && !"DELETE".equals(method)) {
      return false;
    }
    String contentType = request.getContentType();
    return contentType == null ? !isApi(request) : contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  /** The field and the problem of the first unstorable key or string, or too long array, of a JSON body, or null. */
  String[] unstorableText(byte[] body) throws IOException {
    try (JsonParser parser = parsers.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        JsonStreamContext context = parser.getParsingContext();
        if (context.inArray() && context.getCurrentIndex() >= MAX_ARRAY_ITEMS) {
          return new String[] {path(context.getParent(), true), "must hold at most " + MAX_ARRAY_ITEMS + " items"};
        }
        if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
          String problem = StorableText.problem(parser.getText());
          if (problem != null) {
            String path = path(parser.getParsingContext(), token == JsonToken.VALUE_STRING);
            return new String[] {token == JsonToken.FIELD_NAME ? "a key in " + path : path, problem};
          }
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
      // not JSON: whoever reads the body refuses it with their own 400
    }
    return null;
  }

  /** The JSON path of the current token, e.g. {@code targets[0].name}; {@code (body)} for the root. */
  private static String path(JsonStreamContext context, boolean value) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null && (value || c != context)) {
        parts.push("." + printable(c.getCurrentName()));
      }
    }
    String path = String.join("", parts).replaceFirst("^\\.", "");
    return path.isEmpty() ? "(body)" : path;
  }

  /** A name as it can be shown in an answer: unstorable characters escaped, at most 100 characters. */
  private static String printable(String name) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < name.length() && i < 100; i++) {
      char c = name.charAt(i);
      shown.append(c == '\u0000' || Character.isSurrogate(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return shown.toString();
  }

  private static boolean isApi(HttpServletRequest request) {
    return ApiProblemBodies.isApi(request.getRequestURI());
  }

  /** Neither {@code /api} nor an engine API: one of Changegate's pages. */
  private static boolean isPage(HttpServletRequest request) {
    return !isApi(request) && !ApiProblemBodies.isEngineApi(request.getRequestURI());
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String field, String problem)
      throws IOException {
    if (isPage(request)) {
      // the error page says it (pages.PageErrorViews), with the navigation
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "The " + field + " " + problem + ".");
      return;
    }
    if (!isApi(request)) {
      SecurityConfiguration.writeEngineError(response, json, field + " " + problem);
      return;
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ApiProblems.INVALID_REQUEST.toString());
    body.put("title", "Invalid request");
    body.put("status", HttpServletResponse.SC_BAD_REQUEST);
    body.put("detail", "The request has 1 invalid field");
    body.put("errors", List.of(new FieldError(field, problem)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
