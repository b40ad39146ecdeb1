package io.changegate.governance.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.governance.ModelKind;
import io.changegate.governance.Models;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The element list a reviewer sees: added, removed, changed (with what changed); layout alone is no change. */
class ModelDiffTest {

  static final String NORMAL_CHANGE = Models.text("processes/normal-change.bpmn");

  static List<ElementChange> diff(ModelKind kind, String before, String after) {
    return ModelDiff.diff("m", kind, before == null ? null : before.getBytes(StandardCharsets.UTF_8),
        after.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> summary(List<ElementChange> changes) {
    return changes.stream().map(c -> c.change() + " " + c.type() + " " + c.element()).toList();
  }

  @Test
  void theSameModelHasNoChange() {
    assertThat(diff(ModelKind.BPMN, NORMAL_CHANGE, NORMAL_CHANGE)).isEmpty();
  }

  @Test
  void aRedirectedFlowIsAChangedSequenceFlowWithItsOldAndNewTarget() {
    List<ElementChange> changes = diff(ModelKind.BPMN, NORMAL_CHANGE, Models.normalChangeSkippingTheReviews());

    assertThat(summary(changes)).containsExactly("CHANGED sequenceFlow SequenceFlow_ToFmeaReview");
    assertThat(changes.get(0).detail()).isEqualTo("- @targetRef=CallActivity_FmeaReview\n"
        + "+ @targetRef=Gateway_NormalSlotRetry");
  }

  @Test
  void movingShapesIsNoChangeOfBehaviour() {
    String moved = NORMAL_CHANGE.replaceAll("x=\"(\\d+)\"", "x=\"1$1\"");
    assertThat(moved).isNotEqualTo(NORMAL_CHANGE);

    assertThat(diff(ModelKind.BPMN, NORMAL_CHANGE, moved)).isEmpty();
  }

  @Test
  void listenersAndDocumentationArePartOfTheirElement() {
    String edited = Models.replaceOnce(NORMAL_CHANGE,
        "<camunda:taskListener expression=\"${segregationOfDuties.runbookReview(task)}\" event=\"complete\" />", "");

    List<ElementChange> changes = diff(ModelKind.BPMN, NORMAL_CHANGE, edited);

    assertThat(summary(changes)).containsExactly("CHANGED userTask Task_ReviewRunbook");
    assertThat(changes.get(0).name()).isEqualTo("Peer-review the runbook");
    assertThat(changes.get(0).detail()).isEqualTo("- extensionElements/taskListener"
        + "[@event=complete, @expression=${segregationOfDuties.runbookReview(task)}]");
  }

  @Test
  void anAddedRuleAndItsCellsAreAdded() {
    String approved = Models.text("processes/required-sign-offs.dmn");

    List<ElementChange> changes = diff(ModelKind.DMN, approved, Models.requiredSignOffsWithLegalForHighImpact());

    assertThat(summary(changes)).containsExactly("ADDED rule Rule_HighImpactLegal",
        "ADDED inputEntry UnaryTests_Rule_HighImpactLegal_1", "ADDED inputEntry UnaryTests_Rule_HighImpactLegal_2",
        "ADDED inputEntry UnaryTests_Rule_HighImpactLegal_3", "ADDED inputEntry UnaryTests_Rule_HighImpactLegal_4",
        "ADDED inputEntry UnaryTests_Rule_HighImpactLegal_5", "ADDED inputEntry UnaryTests_Rule_HighImpactLegal_6",
        "ADDED outputEntry LiteralExpression_Rule_HighImpactLegal_1");
    assertThat(changes.get(0).name()).isEqualTo("HIGH impact: legal signs off too.");
  }

  @Test
  void formComponentsAreComparedByIdAndARemovedOneIsListed() {
    String form = Models.text("forms/sign-off.form");
    String without = form.replaceFirst("(?s)\\{\\s*\"type\": \"textarea\",\\s*\"id\": \"Field_RollbackPlan\".*?\\},", "");
    String relabelled = Models.replaceOnce(form, "\"label\": \"Your decision\"", "\"label\": \"Decision\"");

    assertThat(summary(diff(ModelKind.FORM, form, without))).containsExactly("REMOVED textarea Field_RollbackPlan");
    List<ElementChange> changes = diff(ModelKind.FORM, form, relabelled);
    assertThat(summary(changes)).containsExactly("CHANGED radio Field_Decision");
    assertThat(changes.get(0).detail()).isEqualTo("- label=Your decision\n+ label=Decision");
  }

  @Test
  void aNewModelIsAddedWhole() {
    assertThat(diff(ModelKind.FORM, null, Models.text("forms/sign-off.form")))
        .allMatch(c -> c.change() == ElementChange.Change.ADDED).first()
        .satisfies(c -> assertThat(c.type()).isEqualTo("form"));
  }
}
