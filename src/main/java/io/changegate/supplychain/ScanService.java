package io.changegate.supplychain;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security scans per artifact digest: a SARIF log or a CycloneDX BOM is read (a malformed one is refused with where it
 * is wrong, nothing stored), its findings counted by severity and stored with the scan's own SHA-256, and recorded in
 * the audit trail. Scans of a digest only ever add up.
 */
@Service
public class ScanService {

  public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  static final int WORST_SHOWN = 10;

  private final ScanRepository repository;
  private final SarifReader sarif;
  private final CycloneDxReader cyclonedx = new CycloneDxReader();
  private final AuditTrail audit;
  private final Clock clock;

  ScanService(ScanRepository repository, ScanProperties properties, AuditTrail audit, Clock clock) {
    this.repository = repository;
    this.sarif = new SarifReader(properties.secretScannerNames());
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public ScanRecord submit(String digest, ScanFormat format, byte[] body, String submitter) {
    String normalized = digest(digest);
    ParsedScan scan = format == ScanFormat.SARIF ? sarif.read(body) : cyclonedx.read(body);
    Instant now = clock.instant();
    String sha256 = sha256(body);
    long id = repository.insert(normalized, scan, submitter, now, sha256);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("digest", normalized);
    details.put("scan", id);
    details.put("format", format.name());
    details.put("tool", scan.tool());
    details.put("critical", scan.count(Severity.CRITICAL));
    details.put("high", scan.count(Severity.HIGH));
    details.put("medium", scan.count(Severity.MEDIUM));
    details.put("low", scan.count(Severity.LOW));
    details.put("secrets", scan.secrets());
    details.put("sha256", sha256);
    audit.record(submitter, AuditAction.SCAN_RECORDED, null, details);
    return repository.ofDigest(normalized).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }

  /** Every scan of a digest (null: none) added up, with the worst findings. */
  public ScanSummary summary(String digest) {
    if (digest == null) {
      return new ScanSummary(null, List.of(), 0, 0, 0, 0, 0, List.of());
    }
    List<ScanRecord> scans = repository.ofDigest(digest);
    return new ScanSummary(digest, scans, scans.stream().mapToInt(ScanRecord::critical).sum(),
        scans.stream().mapToInt(ScanRecord::high).sum(), scans.stream().mapToInt(ScanRecord::medium).sum(),
        scans.stream().mapToInt(ScanRecord::low).sum(), scans.stream().mapToInt(ScanRecord::secrets).sum(),
        scans.isEmpty() ? List.of() : repository.worstFindings(digest, WORST_SHOWN));
  }

  /** The digest as stored, or a 400 naming it. */
  public static String digest(String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new InvalidRequestException("Invalid artifact digest", List.of(new FieldError("digest",
          "must be 'sha256:' followed by 64 lower-case hex digits")));
    }
    return digest;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
