package io.changegate.supplychain.api;

import io.changegate.supplychain.ScanFormat;
import io.changegate.supplychain.ScanRecord;
import io.changegate.supplychain.ScanService;
import io.changegate.supplychain.ScanSummary;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/artifacts/{digest}/scans}: security scans of an artifact, SARIF 2.1.0 ({@code application/sarif+json})
 * or CycloneDX 1.5/1.6 JSON ({@code application/vnd.cyclonedx+json}); a malformed scan is a 400 saying where.
 */
@RestController
@RequestMapping("/api/artifacts/{digest}/scans")
class ScanController {

  private static final String SARIF = "application/sarif+json";
  private static final String CYCLONEDX = "application/vnd.cyclonedx+json";

  private final ScanService scans;

  ScanController(ScanService scans) {
    this.scans = scans;
  }

  @PostMapping(consumes = {SARIF, CYCLONEDX})
  ResponseEntity<ScanRecord> submit(@PathVariable String digest, @RequestHeader("Content-Type") String contentType,
      @RequestBody byte[] body, Authentication user) {
    ScanFormat format = ScanFormat.ofContentType(contentType).orElseThrow();
    ScanRecord stored = scans.submit(digest, format, body, user.getName());
    return ResponseEntity.created(URI.create("/api/artifacts/" + stored.digest() + "/scans")).body(stored);
  }

  @GetMapping
  ScanSummary list(@PathVariable String digest) {
    return scans.summary(ScanService.digest(digest));
  }
}
