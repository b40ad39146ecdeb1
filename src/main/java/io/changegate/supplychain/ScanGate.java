package io.changegate.supplychain;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeProcess;
import io.changegate.change.ChangeService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security scan gate: the decision table {@code security-scan-gate} judges the scans of a change's artifact
 * digest, with facts from Changegate's own tables only (the change's digest, environment and type, the stored scans,
 * security's sign-off in the task records), never from process variables. Consulted when a change is classified and
 * again just before it is deployed; each time its verdict and reason go on the change's timeline.
 */
@Service
public class ScanGate {

  public static final String ACTOR = "security-scan-gate";

  private final ChangeService changes;
  private final ScanService scans;
  private final ScanProperties properties;
  private final ScanDecision decision;
  private final SecuritySignOffs signOffs;
  private final AuditTrail audit;

  ScanGate(ChangeService changes, ScanService scans, ScanProperties properties, ScanDecision decision,
      SecuritySignOffs signOffs, AuditTrail audit) {
    this.changes = changes;
    this.scans = scans;
    this.properties = properties;
    this.decision = decision;
    this.signOffs = signOffs;
    this.audit = audit;
  }

  /** At classification: nobody has signed off yet; {@code SIGN_OFF} makes the change one that security signs. */
  @Transactional
  public ScanVerdict atClassification(String changeId) {
    return check(changeId, "classification", false);
  }

  /** Just before deployment: anything but {@code PASS} stops the deployment. */
  @Transactional
  public ScanVerdict beforeDeployment(String changeId) {
    return check(changeId, "deployment", signOffs.signedOff(changeId));
  }

  /** Whether security-scan-gate wants security to sign the change off (as it would judge at classification). */
  public boolean needsSecuritySignOff(String changeId) {
    return judge(changes.get(changeId), false).verdict() == ScanVerdict.Verdict.SIGN_OFF;
  }

  /** The scans of the change's artifact as a reviewer reads them. */
  public String findingsText(String changeId) {
    Change change = changes.get(changeId);
    return scans.summary(change.artifact() == null ? null : change.artifact().digest()).text();
  }

  private ScanVerdict check(String changeId, String moment, boolean signedOff) {
    ScanVerdict verdict = judge(changes.get(changeId), signedOff);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("at", moment);
    details.put("verdict", verdict.verdict().name());
    details.put("reason", verdict.reason());
    details.put("digest", verdict.summary().digest() == null ? "" : verdict.summary().digest());
    details.put("scans", verdict.summary().scans().stream().map(ScanRecord::id).toList());
    details.put("critical", verdict.summary().critical());
    details.put("high", verdict.summary().high());
    details.put("secrets", verdict.summary().secrets());
    details.put("securitySignedOff", signedOff);
    audit.record(ACTOR, AuditAction.SCAN_GATE_CHECKED, changeId, details);
    boolean refused = verdict.verdict() == ScanVerdict.Verdict.REFUSE
        || (moment.equals("deployment") && verdict.verdict() != ScanVerdict.Verdict.PASS);
    if (refused) {
      audit.record(ACTOR, AuditAction.SCAN_GATE_REFUSED, changeId, Map.of("at", moment, "reason", verdict.reason()));
    }
    return verdict;
  }

  private ScanVerdict judge(Change change, boolean signedOff) {
    String digest = change.artifact() == null ? null : change.artifact().digest();
    ScanSummary summary = scans.summary(digest);
    Map<String, Object> facts = new HashMap<>();
    facts.put(SupplyChainProcess.SCAN_REQUIRED, properties.requiredIn(change.environment()));
    facts.put(SupplyChainProcess.SCANNED, summary.scanned());
    facts.put(SupplyChainProcess.CRITICAL_FINDINGS, summary.critical());
    facts.put(SupplyChainProcess.HIGH_FINDINGS, summary.high());
    facts.put(SupplyChainProcess.SECRET_FINDINGS, summary.secrets());
    facts.put(SupplyChainProcess.SECURITY_SIGNED_OFF, signedOff);
    facts.put(ChangeProcess.CHANGE_TYPE.name(), change.type() == null ? "" : change.type().name());
    Map<String, Object> result = decision.evaluate(facts);
    ScanVerdict.Verdict verdict = ScanVerdict.Verdict.valueOf(
        String.valueOf(result.get(SupplyChainProcess.SCAN_VERDICT.name())));
    return new ScanVerdict(verdict, String.valueOf(result.get(SupplyChainProcess.SCAN_REASON.name())), summary);
  }
}
