package io.changegate.risk;

import io.changegate.change.Level;
import java.util.List;

/**
 * Answer of an accepted upload: the stored rows with their RPN and the risk level the decision table gives
 * them now (a preview: the change's risk level is recorded when the worksheet is submitted in the process).
 */
public record FmeaPreview(String changeId, List<FmeaRow> rows, int failureModes, int maxSeverity, int maxRpn,
    Level riskLevel, String riskReason) {

  static FmeaPreview of(String changeId, List<FmeaRow> rows, RiskAssessment assessment) {
    return new FmeaPreview(changeId, rows, assessment.figures().failureModes(), assessment.figures().maxSeverity(),
        assessment.figures().maxRpn(), assessment.riskLevel(), assessment.reason());
  }
}
