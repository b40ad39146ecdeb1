package io.changegate.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

/** A proposal is deployed under proposal keys; everything that would make it reachable is renamed with it. */
class ProposalKeysTest {

  static final String MC = "MC-000042";

  @Test
  void processIdsAndTheirDiagramMoveToTheProposalKey() {
    ModelFile file = ModelFile.of("normal-change.bpmn", Models.bytes("processes/normal-change.bpmn"));
    assertThat(file.keys()).containsExactly("normal-change");

    BpmnModelInstance proposal = Bpmn.readModelFromStream(new ByteArrayInputStream(ProposalKeys.rewrite(file, MC)));

    assertThat(proposal.getModelElementsByType(Process.class)).extracting(Process::getId)
        .containsExactly("normal-change.MC-000042");
    assertThat(proposal.getModelElementsByType(BpmnPlane.class)).extracting(p -> p.getBpmnElement().getId())
        .containsExactly("normal-change.MC-000042");
  }

  @Test
  void messagesAreRenamedSoThatNoCorrelationReachesAProposal() {
    ModelFile file = ModelFile.of("rollback.bpmn", Models.bytes("processes/rollback.bpmn"));

    BpmnModelInstance proposal = Bpmn.readModelFromStream(new ByteArrayInputStream(ProposalKeys.rewrite(file, MC)));

    assertThat(proposal.getModelElementsByType(Message.class)).extracting(Message::getName)
        .isNotEmpty().allMatch(name -> name.endsWith(".MC-000042"));
  }

  @Test
  void decisionsAndTheirDefinitionsMoveToTheProposalKey() {
    ModelFile file = ModelFile.of("required-sign-offs.dmn", Models.bytes("processes/required-sign-offs.dmn"));
    assertThat(file.keys()).containsExactly("required-sign-offs");

    DmnModelInstance proposal = Dmn.readModelFromStream(new ByteArrayInputStream(ProposalKeys.rewrite(file, MC)));

    assertThat(proposal.getModelElementsByType(Decision.class)).extracting(Decision::getId)
        .containsExactly("required-sign-offs.MC-000042");
    assertThat(proposal.getDefinitions().getId()).isEqualTo("Definitions_RequiredSignOffs.MC-000042");
  }

  @Test
  void aFormMovesToTheProposalKeyAndKeepsItsComponents() throws Exception {
    ModelFile file = ModelFile.of("sign-off.form", Models.bytes("forms/sign-off.form"));

    var proposal = new ObjectMapper().readTree(ProposalKeys.rewrite(file, MC));

    assertThat(proposal.path("id").asText()).isEqualTo("sign-off.MC-000042");
    assertThat(proposal.path("components")).hasSameSizeAs(new ObjectMapper().readTree(file.content())
        .path("components"));
  }

  @Test
  void whatIsNoModelIsRefusedWithTheFileName() {
    ModelFile broken = ModelFile.of("broken.bpmn", "<definitions".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ProposalKeys.rewrite(broken, MC)).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("broken.bpmn cannot be read as BPMN");
    ModelFile notUtf8 = ModelFile.of("x.form", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
    assertThatThrownBy(notUtf8::text).isInstanceOf(InvalidModelException.class).hasMessageContaining("not UTF-8");
  }
}
