package io.changegate.refresh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The standard change {@code environment-refresh}: copy from production through {@link CopyPort}, anonymize through
 * {@link AnonymizationPort}, then the target's verification query, read-only, must answer the expected value (no
 * unmasked record). Each refresh is kept as evidence on the change ({@code changegate_refresh}: counts, query,
 * outputs, hashes; the audit trail carries the same with the evidence's SHA-256). A change is refreshed once: a job
 * run again after a crash finds the stored result. A target of kind production, or of a production-grade data
 * classification, is never refreshed: refused at submission ({@link RefreshTargets}), and again here should the
 * catalog have changed since.
 */
@Service
public class RefreshService {

  private final RefreshProperties properties;
  private final ObjectProvider<CopyPort> copies;
  private final ObjectProvider<AnonymizationPort> anonymizations;
  private final VerificationQuery verification;
  private final RefreshRepository repository;
  private final ChangeService changes;
  private final RefreshTargets targets;
  private final AuditTrail audit;
  private final Clock clock;
  private final ObjectMapper json;

  RefreshService(RefreshProperties properties, ObjectProvider<CopyPort> copies,
      ObjectProvider<AnonymizationPort> anonymizations, VerificationQuery verification, RefreshRepository repository,
      ChangeService changes, RefreshTargets targets, AuditTrail audit, Clock clock, ObjectMapper json) {
    this.properties = properties;
    this.copies = copies;
    this.anonymizations = anonymizations;
    this.verification = verification;
    this.repository = repository;
    this.changes = changes;
    this.targets = targets;
    this.audit = audit;
    this.clock = clock;
    this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  /** Whether the change is a refresh (its template, as stored at intake). */
  public boolean isRefresh(String changeId) {
    return properties.template().equals(changes.get(changeId).standardChangeTemplate());
  }

  public String template() {
    return properties.template();
  }

  /** The stored evidence of the change's refresh; 404 for an unknown change or one not refreshed (yet). */
  public RefreshResult get(String changeId) {
    changes.get(changeId);
    return repository.find(changeId).orElseThrow(() -> new NotFoundException("No refresh",
        changeId + " has no refresh evidence (not an environment refresh, or not run yet)"));
  }

  /** Runs the change's refresh (or answers the stored result of one that ran) and keeps its evidence. */
  @Transactional
  public RefreshResult refresh(String changeId) {
    Optional<RefreshResult> done = repository.find(changeId);
    if (done.isPresent()) {
      return done.get();
    }
    Change change = changes.get(changeId);
    String target = change.environment();
    RefreshOrder order = new RefreshOrder(changeId, properties.source(), target);
    String query = properties.queryFor(target);
    String expected = properties.expectedFor(target);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("source", order.source());
    evidence.put("target", target);
    Optional<String> refused = targets.refusal(target);
    String adapter = "none";
    boolean simulated = false;
    String observed = null;
    boolean verified = false;
    if (refused.isPresent()) {
      evidence.put("refused", refused.get());
    } else {
      CopyPort copy = copies.getObject();
      adapter = copy.name();
      simulated = copy.simulated();
      StepOutcome copied = copy.copy(order);
      evidence.put("copy", step(copied));
      StepOutcome anonymized = copied.succeeded() ? anonymizations.getObject().anonymize(order) : null;
      if (anonymized != null) {
        evidence.put("anonymization", step(anonymized));
      }
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("query", query);
      check.put("querySha256", sha256(query == null ? "" : query));
      check.put("expected", expected);
      if (anonymized != null && anonymized.succeeded()) {
        if (simulated) {
          observed = expected;
          check.put("simulated", "the sandbox verifies nothing: the answer is the expected value");
        } else {
          VerificationQuery.Answer answer = verification.run(properties.target(target).verification(), query);
          observed = answer.value() == null || answer.value().length() <= 200 ? answer.value()
              : answer.value().substring(0, 200);
          check.put("dataSource", properties.target(target).verification().url());
          check.put("millis", answer.millis());
        }
        check.put("observed", observed);
        verified = observed != null && observed.strip().equals(expected);
      } else {
        check.put("skipped", "a step before the verification failed");
      }
      evidence.put("verification", check);
    }
    evidence.put("verified", verified);
    String text = write(evidence);
    RefreshResult result = new RefreshResult(changeId, order.source(), target, adapter, simulated, verified,
        query == null ? "" : query, expected, observed, evidence, sha256(text), clock.instant());
    repository.insert(result, text);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("source", order.source());
    entry.put("target", target);
    entry.put("adapter", adapter);
    entry.put("simulated", simulated);
    entry.put("query", query == null ? "" : query);
    entry.put("expected", expected);
    entry.put("observed", String.valueOf(observed));
    entry.put("evidenceSha256", result.evidenceSha256());
    refused.ifPresent(reason -> entry.put("refused", reason));
    audit.record(ChangeService.SYSTEM_ACTOR, verified ? AuditAction.ENVIRONMENT_REFRESHED
        : AuditAction.ENVIRONMENT_REFRESH_FAILED, changeId, entry);
    return result;
  }

  private static Map<String, Object> step(StepOutcome outcome) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("succeeded", outcome.succeeded());
    step.put("program", outcome.program());
    step.put("exitCode", outcome.exitCode());
    step.put("output", outcome.output());
    step.put("outputSha256", sha256(outcome.output() == null ? "" : outcome.output()));
    return step;
  }

  private String write(Map<String, Object> evidence) {
    try {
      return json.writeValueAsString(evidence);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the refresh evidence", e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
