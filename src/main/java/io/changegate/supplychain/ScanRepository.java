package io.changegate.supplychain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code changegate_scan} and {@code changegate_scan_finding}. */
@Repository
class ScanRepository {

  static final int KEPT_FINDINGS = 500;

  private final JdbcClient jdbc;

  ScanRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String digest, ParsedScan scan, String submittedBy, Instant at, String sha256) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO changegate_scan (digest, format, spec_version, tool, submitted_by, submitted_at, critical,
              high, medium, low, secrets, components, sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(digest, scan.format().name(), scan.specVersion(), scan.tool(), submittedBy,
            at.atOffset(ZoneOffset.UTC), (int) scan.count(Severity.CRITICAL), (int) scan.count(Severity.HIGH),
            (int) scan.count(Severity.MEDIUM), (int) scan.count(Severity.LOW), (int) scan.secrets(), scan.components(),
            sha256)
        .update(key, "id");
    long id = key.getKey().longValue();
    List<Finding> worstFirst = scan.findings().stream()
        .sorted(java.util.Comparator.comparing((Finding f) -> f.category() != FindingCategory.SECRET)
            .thenComparing(Finding::severity))
        .limit(KEPT_FINDINGS).toList();
    for (int i = 0; i < worstFirst.size(); i++) {
      Finding f = worstFirst.get(i);
      jdbc.sql("""
              INSERT INTO changegate_scan_finding (scan_id, position, severity, category, rule_id, message, location)
              VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(id, i, f.severity().name(), f.category().name(), f.ruleId(), f.message(), f.location()).update();
    }
    return id;
  }

  List<ScanRecord> ofDigest(String digest) {
    return jdbc.sql("SELECT * FROM changegate_scan WHERE digest = ? ORDER BY id").param(digest)
        .query(ScanRepository::map).list();
  }

  /** The worst findings of a digest's scans: secrets first, then by severity. */
  List<Finding> worstFindings(String digest, int limit) {
    return jdbc.sql("""
            SELECT f.* FROM changegate_scan_finding f JOIN changegate_scan s ON s.id = f.scan_id
            WHERE s.digest = ?
            ORDER BY CASE WHEN f.category = 'SECRET' THEN 0 ELSE 1 END,
              CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, s.id, f.position
            LIMIT ?""")
        .params(digest, limit).query((rs, n) -> new Finding(Severity.valueOf(rs.getString("severity")),
            FindingCategory.valueOf(rs.getString("category")), rs.getString("rule_id"), rs.getString("message"),
            rs.getString("location")))
        .list();
  }

  private static ScanRecord map(ResultSet rs, int n) throws SQLException {
    return new ScanRecord(rs.getLong("id"), rs.getString("digest"), ScanFormat.valueOf(rs.getString("format")),
        rs.getString("spec_version"), rs.getString("tool"), rs.getString("submitted_by"),
        rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), rs.getInt("critical"), rs.getInt("high"),
        rs.getInt("medium"), rs.getInt("low"), rs.getInt("secrets"), rs.getInt("components"), rs.getString("sha256"));
  }
}
