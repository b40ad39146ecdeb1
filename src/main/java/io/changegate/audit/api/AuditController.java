package io.changegate.audit.api;

import io.changegate.audit.AuditVerification;
import io.changegate.audit.AuditVerifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Auditors verify the trail: {@code GET /api/audit/verification}. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  private final AuditVerifier verifier;

  AuditController(AuditVerifier verifier) {
    this.verifier = verifier;
  }

  @GetMapping("/verification")
  AuditVerification verify() {
    return verifier.verify();
  }
}
