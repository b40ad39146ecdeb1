package io.changegate.supplychain;

import java.util.List;

/** What a scan says: its format and version, the tool, the findings (all of them) and, for an SBOM, its components. */
public record ParsedScan(ScanFormat format, String specVersion, String tool, List<Finding> findings, int components) {

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  public long secrets() {
    return findings.stream().filter(f -> f.category() == FindingCategory.SECRET).count();
  }
}
