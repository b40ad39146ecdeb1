package io.changegate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mitigates a flaw reported against Camunda 7.24.0 CE whose fix is not in the community release: the
 * engine refuses expressions ({@code ${…}}, {@code #{…}}) in ad-hoc task queries, but not inside nested
 * {@code orQueries}. Any request to {@code /engine-rest} or the webapps' API whose body or parameters
 * carry an expression inside {@code orQueries} is refused with 400 before it reaches the engine (task
 * queries, filter creation and update, filter execution alike). Expressions at the top level of stored
 * filters (Tasklist's {@code ${currentUser()}}) are unaffected.
 */
class OrQueryExpressionGuard extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  private final ObjectMapper json;

  OrQueryExpressionGuard(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      if (parameter.getKey().toLowerCase(Locale.ROOT).contains("orqueries")) {
        for (String value : parameter.getValue()) {
          if (hasExpression(value)) {
            refuse(response);
            return;
          }
        }
      }
    }
    String method = request.getMethod();
    String contentType = request.getContentType();
    boolean jsonBody = contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
    if (!jsonBody || (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method))) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      SecurityConfiguration.writeProblem(response, json, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "Request too large", "Request bodies are limited to " + MAX_BODY_BYTES + " bytes");
      return;
    }
    if (carriesExpressionInOrQueries(body)) {
      refuse(response);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  boolean carriesExpressionInOrQueries(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException unreadable) {
      // The engine will refuse unreadable JSON itself; refuse here whatever might still smuggle or-queries.
      return new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("orqueries");
    }
    return root != null && walk(root, false);
  }

  private static boolean walk(JsonNode node, boolean insideOrQueries) {
    if (node.isTextual()) {
      return insideOrQueries && hasExpression(node.textValue());
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        boolean or = insideOrQueries || field.getKey().toLowerCase(Locale.ROOT).contains("orqueries");
        if ((or && hasExpression(field.getKey())) || walk(field.getValue(), or)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (walk(element, insideOrQueries)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean hasExpression(String value) {
    return value != null && (value.contains("${") || value.contains("#{"));
  }

  private void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json");
    json.writeValue(response.getOutputStream(), Map.of(
        "type", "InvalidRequestException",
        "message", "Expressions are not allowed inside orQueries (Changegate mitigation for Camunda 7.24.0)"));
  }

  /** The request with its body already read, so that the next reader sees it unchanged. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
