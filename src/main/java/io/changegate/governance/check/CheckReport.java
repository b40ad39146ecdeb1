package io.changegate.governance.check;

import java.util.List;
import java.util.Map;

/**
 * What the automatic checks of a model change found: its element changes against the approved versions, the
 * findings, and per file the approved version of each key it was compared with ({@code null}: a new key).
 */
public record CheckReport(List<ElementChange> changes, List<Finding> findings,
    Map<String, Map<String, Integer>> baseVersions, boolean unchanged) {

  public boolean passed() {
    return findings.stream().noneMatch(Finding::isError);
  }
}
