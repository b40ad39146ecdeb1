package io.changegate.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;

/**
 * Rewrites a proposed model so that the engine deploys it under proposal keys ({@code normal-change.MC-000007}):
 * {@code latest} of the real key stays the approved version, whatever binds to it. In BPMN the process ids (the
 * diagram's references follow), and the names of messages and signals, so that no message or signal reaches a
 * proposal; in DMN the decision ids and the definitions id (the key of a decision requirements graph); in a form
 * its id. The original file is kept apart and deployed unchanged under the real keys on activation.
 */
public final class ProposalKeys {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProposalKeys() {}

  /** The proposal key of {@code key} in model change {@code modelChangeId}. */
  public static String of(String key, String modelChangeId) {
    return key + "." + modelChangeId;
  }

  public static byte[] rewrite(ModelFile file, String modelChangeId) {
    try {
      return switch (file.kind()) {
        case BPMN -> bpmn(file, modelChangeId);
        case DMN -> dmn(file, modelChangeId);
        case FORM -> form(file, modelChangeId);
        case CMMN -> throw new InvalidModelException(file.name() + ": CMMN is not a governance model");
      };
    } catch (InvalidModelException e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      throw new InvalidModelException(file.name() + " cannot be read as " + file.kind() + ": "
          + ModelFile.rootMessage(e));
    }
  }

  private static byte[] bpmn(ModelFile file, String id) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(file.content()));
    for (Process process : model.getModelElementsByType(Process.class)) {
      process.setId(of(process.getId(), id));
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      if (message.getName() != null) {
        message.setName(of(message.getName(), id));
      }
    }
    for (Signal signal : model.getModelElementsByType(Signal.class)) {
      if (signal.getName() != null) {
        signal.setName(of(signal.getName(), id));
      }
    }
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] dmn(ModelFile file, String id) {
    DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(file.content()));
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      decision.setId(of(decision.getId(), id));
    }
    Definitions definitions = model.getDefinitions();
    definitions.setId(of(definitions.getId(), id));
    return Dmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] form(ModelFile file, String id) throws IOException {
    ObjectNode form = (ObjectNode) JSON.readTree(file.content());
    form.put("id", of(form.path("id").asText(), id));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(form);
  }
}
