package io.changegate.risk;

import java.util.List;

/** What the decision table {@code fmea-risk-level} reads from a worksheet. */
public record Figures(int failureModes, int maxSeverity, int maxRpn) {

  public static Figures of(List<FmeaRow> rows) {
    return new Figures(rows.size(),
        rows.stream().mapToInt(FmeaRow::severity).max().orElse(0),
        rows.stream().mapToInt(FmeaRow::rpn).max().orElse(0));
  }
}
