package io.changegate.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.nio.ByteBuffer;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;

/** One BPMN, DMN or Camunda Form file as a process owner deployed it: name, kind, exact bytes. */
public record ModelFile(String name, ModelKind kind, byte[] content) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ModelFile of(String name, byte[] content) {
    return new ModelFile(name, ModelKind.of(name), content);
  }

  public String sha256() {
    return sha256(content);
  }

  /** The content as UTF-8 text; a file that is not UTF-8 is refused. */
  public String text() {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidModelException(name + " is not UTF-8 text");
    }
  }

  /**
   * The keys the engine deploys definitions under: the ids of the executable processes, of the decisions, or of
   * the form.
   */
  public List<String> keys() {
    try {
      return switch (kind) {
        case BPMN -> Bpmn.readModelFromStream(new ByteArrayInputStream(content))
            .getModelElementsByType(Process.class).stream().filter(Process::isExecutable).map(Process::getId)
            .toList();
        case DMN -> Dmn.readModelFromStream(new ByteArrayInputStream(content))
            .getModelElementsByType(Decision.class).stream().map(Decision::getId).toList();
        case FORM -> formKey();
        case CMMN -> List.of();
      };
    } catch (InvalidModelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidModelException(name + " cannot be read as " + kind + ": " + rootMessage(e));
    }
  }

  private List<String> formKey() {
    try {
      JsonNode id = JSON.readTree(content).get("id");
      List<String> keys = new ArrayList<>();
      if (id != null && id.isTextual() && !id.asText().isBlank()) {
        keys.add(id.asText());
      }
      return keys;
    } catch (IOException e) {
      throw new InvalidModelException(name + " is not a Camunda Form (JSON): " + e.getMessage());
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
