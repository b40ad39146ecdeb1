package io.changegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.audit.AuditAction;
import io.changegate.change.ChangeStatus;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API reference is generated from the code (OpenAPI at {@code /v3/api-docs}, Swagger UI) for logged-in users, and
 * {@code docs/api.md}, which says what OpenAPI does not, names every path, every status and every timeline event.
 */
@ChangegateIntegrationTest
class ApiReferenceTest {

  static final Path DOC = Path.of("docs/api.md");

  @LocalServerPort int port;

  @Test
  void theOpenApiDocumentAndSwaggerUiAreForLoggedInUsers() {
    assertThat(Http.anonymous(port).get("/v3/api-docs").status()).isEqualTo(401);
    assertThat(Http.anonymous(port).get("/swagger-ui/index.html").status()).isEqualTo(401);
    Http.Response docs = Http.as(port, "auditor").get("/v3/api-docs");
    assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
    assertThat(docs.json().path("paths").has("/api/changes/{id}")).isTrue();
    assertThat(docs.json().path("components").path("securitySchemes").has("basic")).isTrue();
    assertThat(Http.as(port, "auditor").get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  void docsApiMdNamesEveryPathAndEveryStatus() throws IOException {
    String doc = Files.readString(DOC);
    JsonNode paths = Http.as(port, "auditor").get("/v3/api-docs").json().path("paths");
    List<String> missing = new ArrayList<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      for (Iterator<String> methods = paths.path(path).fieldNames(); methods.hasNext(); ) {
        String entry = methods.next().toUpperCase(java.util.Locale.ROOT) + " " + path;
        if (!doc.contains("`" + entry + "`")) {
          missing.add(entry);
        }
      }
    }
    assertThat(missing).as("endpoints of /v3/api-docs that docs/api.md does not name as `METHOD /path`").isEmpty();
    for (ChangeStatus status : ChangeStatus.values()) {
      assertThat(doc).as("status " + status).contains("`" + status.name() + "`");
    }
    for (AuditAction event : AuditAction.values()) {
      assertThat(doc).as("timeline event " + event).contains("| `" + event.name() + "` | " + event.meaning() + " |");
    }
  }
}
