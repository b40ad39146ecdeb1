package io.changegate.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Deploys files over {@code POST /engine-rest/deployment/create} (multipart), as Camunda Modeler does. */
public final class Deployments {

  private Deployments() {}

  public static Http.Response create(int port, String user, String name, Map<String, byte[]> files) {
    String boundary = "----changegate" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "deployment-name", name);
    field(body, boundary, "deployment-source", "Camunda Modeler");
    field(body, boundary, "deploy-changed-only", "true");
    files.forEach((file, content) -> {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file + "\"; filename=\"" + file
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(content);
      write(body, "\r\n");
    });
    write(body, "--" + boundary + "--\r\n");
    Http http = Http.as(port, user);
    return http.send(http.request("/engine-rest/deployment/create")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
  }

  private static void write(ByteArrayOutputStream body, String text) {
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
