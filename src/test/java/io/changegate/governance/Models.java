package io.changegate.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The product's models as packaged (processes/, forms/), and edits of them for the governance tests. */
public final class Models {

  private Models() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = Models.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  /** Replaces exactly one occurrence of {@code from}: an edit that silently does nothing is a broken test. */
  public static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new IllegalArgumentException("expected exactly one '" + from + "'");
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  /**
   * normal-change whose first flow skips the FMEA review, the peer review and the sign-offs: from the start event
   * straight to the calendar check before deployment.
   */
  public static String normalChangeSkippingTheReviews() {
    return replaceOnce(text("processes/normal-change.bpmn"),
        "<bpmn:sequenceFlow id=\"SequenceFlow_ToFmeaReview\" sourceRef=\"StartEvent_NormalChangeStarted\" "
            + "targetRef=\"CallActivity_FmeaReview\" />",
        "<bpmn:sequenceFlow id=\"SequenceFlow_ToFmeaReview\" sourceRef=\"StartEvent_NormalChangeStarted\" "
            + "targetRef=\"Gateway_NormalSlotRetry\" />");
  }

  /** required-sign-offs with legal also signing every HIGH-impact change (a stricter table). */
  public static String requiredSignOffsWithLegalForHighImpact() {
    String rule = """
              <rule id="Rule_HighImpactLegal">
                <description>HIGH impact: legal signs off too.</description>
                <inputEntry id="UnaryTests_Rule_HighImpactLegal_1"><text>false</text></inputEntry>
                <inputEntry id="UnaryTests_Rule_HighImpactLegal_2"><text></text></inputEntry>
                <inputEntry id="UnaryTests_Rule_HighImpactLegal_3"><text>"HIGH"</text></inputEntry>
                <inputEntry id="UnaryTests_Rule_HighImpactLegal_4"><text></text></inputEntry>
                <inputEntry id="UnaryTests_Rule_HighImpactLegal_5"><text></text></inputEntry>
                <inputEntry id="UnaryTests_Rule_HighImpactLegal_6"><text></text></inputEntry>
                <outputEntry id="LiteralExpression_Rule_HighImpactLegal_1"><text>"legal"</text></outputEntry>
              </rule>
        """;
    return replaceOnce(text("processes/required-sign-offs.dmn"), "    </decisionTable>", rule + "    </decisionTable>");
  }
}
