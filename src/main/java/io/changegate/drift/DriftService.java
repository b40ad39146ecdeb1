package io.changegate.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.engine.Actor;
import io.changegate.deployment.DeploymentPort;
import io.changegate.deployment.Release;
import io.changegate.notification.Notification;
import io.changegate.notification.NotificationPort;
import io.changegate.rollback.incident.IncidentReport;
import io.changegate.rollback.incident.Incidents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drift detection: asks each deployment system, through its adapter's port ({@link DeploymentPort#currentRelease}:
 * Argo CD's sync status, Jenkins' newest build, the command adapter's {@code current}), what every target runs that
 * Changegate deployed, and compares it with the newest completed change's deployment there. A difference is an
 * unauthorized change: recorded once with the evidence, the environment's owner group told, an incident opened on the
 * change whose release was replaced — each finding in a transaction of its own. A system that does not answer is
 * logged and asked again next time; one that reports nothing running is a finding too.
 */
@Service
public class DriftService {

  private static final Logger LOG = LoggerFactory.getLogger(DriftService.class);
  static final int MAX_EVIDENCE = 15_000;

  private final DriftRepository drift;
  private final DeploymentAdapters adapters;
  private final EnvironmentCatalog environments;
  private final NotificationPort notifications;
  private final Incidents incidents;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final Clock clock;

  public DriftService(DriftRepository drift, DeploymentAdapters adapters, EnvironmentCatalog environments,
      NotificationPort notifications, Incidents incidents, AuditTrail audit, TransactionTemplate transactions,
      ObjectMapper json, Clock clock) {
    this.drift = drift;
    this.adapters = adapters;
    this.environments = environments;
    this.notifications = notifications;
    this.incidents = incidents;
    this.audit = audit;
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
  }

  /** Checks every target once; returns the findings new in this check. */
  public List<DriftFinding> check() {
    List<DriftFinding> found = new ArrayList<>();
    for (DriftRepository.Expected expected : drift.expected()) {
      if (!adapters.names().contains(expected.adapter())) {
        continue; // an adapter no longer configured cannot be asked
      }
      DeploymentPort port = adapters.get(expected.adapter());
      if (!port.seesReleases()) {
        continue; // it cannot tell what runs (no current command, no release URL): its silence is no drift
      }
      Optional<Release> running;
      try {
        running = port.currentRelease(expected.target(), expected.environment());
      } catch (RuntimeException unavailable) {
        LOG.warn("Drift check: {} did not say what {} runs in {}: {}", expected.adapter(), expected.target(),
            expected.environment(), unavailable.getMessage());
        continue;
      }
      if (matches(expected, running)) {
        continue;
      }
      String fingerprint = expected.environment() + "|" + expected.target() + "|" + expected.changeId() + "|"
          + running.map(r -> r.version() + "|" + r.digest()).orElse("nothing");
      DriftFinding finding = transactions.execute(status -> record(expected, running, port, fingerprint));
      if (finding != null) {
        found.add(finding);
      }
    }
    return found;
  }

  public List<DriftFinding> list(String environment, int limit) {
    return drift.list(environment, limit);
  }

  /** Whether the target runs the expected version (and digest, when both sides know it). */
  static boolean matches(DriftRepository.Expected expected, Optional<Release> running) {
    if (running.isEmpty()) {
      return false;
    }
    Release release = running.get();
    if (!Objects.equals(expected.version(), release.version())) {
      return false;
    }
    return expected.digest() == null || release.digest() == null || expected.digest().equals(release.digest());
  }

  private DriftFinding record(DriftRepository.Expected expected, Optional<Release> running, DeploymentPort port,
      String fingerprint) {
    if (drift.known(fingerprint)) {
      return null;
    }
    String owner = environments.find(expected.environment()).map(EnvironmentFacts::ownerGroup).orElse(null);
    String actual = running.map(r -> r.version() + (r.digest() == null ? "" : " (" + r.digest() + ")"))
        .orElse("nothing");
    String title = "Unauthorized change: " + expected.target() + " in " + expected.environment() + " runs " + actual
        + ", not " + expected.version() + " deployed by " + expected.changeId();
    String evidence = evidence(expected, running, port);
    String key = "drift:" + sha256(fingerprint);
    Incidents.Linked incident = incidents.open(new IncidentReport(expected.changeId(), key, "UNAUTHORIZED_CHANGE",
        "HIGH", title, "The deployment system " + expected.adapter() + " reports that " + expected.target() + " in "
            + expected.environment() + " runs " + actual + ", while the last change Changegate deployed there ("
            + expected.changeId() + ") put " + expected.version() + " in place. No change in Changegate explains it.",
        expected.service(), expected.environment(), false));
    DriftFinding finding = new DriftFinding("DRIFT-" + sha256(fingerprint).substring(0, 12), expected.environment(),
        expected.target(), expected.adapter(), expected.changeId(), expected.version(), expected.digest(),
        running.map(Release::version).orElse(null), running.map(Release::digest).orElse(null), evidence, owner,
        incident.reference(), clock.instant());
    drift.insert(finding, fingerprint);
    if (owner != null) {
      notifications.send(new Notification(expected.changeId(), List.of(owner), title, "Drift " + finding.id()
          + ": " + title + ". Incident " + incident.reference() + ". Evidence: GET /api/drift?environment="
          + expected.environment()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("drift", finding.id());
    details.put("environment", expected.environment());
    details.put("target", expected.target());
    details.put("adapter", expected.adapter());
    details.put("expectedVersion", String.valueOf(expected.version()));
    details.put("actual", actual);
    details.put("ownerGroup", String.valueOf(owner));
    details.put("incident", incident.reference());
    audit.record(Actor.SYSTEM, AuditAction.DRIFT_DETECTED, expected.changeId(), details);
    LOG.warn("Drift {}: {}", finding.id(), title);
    return finding;
  }

  private String evidence(DriftRepository.Expected expected, Optional<Release> running, DeploymentPort port) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("expected", Map.of("change", expected.changeId(), "version", String.valueOf(expected.version()),
        "digest", String.valueOf(expected.digest())));
    evidence.put("running", running.<Object>map(r -> Map.of("version", String.valueOf(r.version()), "digest",
        String.valueOf(r.digest()), "reference", String.valueOf(r.reference()))).orElse("nothing reported"));
    evidence.put("askedAt", clock.instant().toString());
    evidence.put("adapter", port.settings());
    String history;
    try {
      history = port.history(expected.target(), expected.environment());
    } catch (RuntimeException unavailable) {
      history = "history unavailable: " + unavailable.getMessage();
    }
    evidence.put("history", history.length() > 8000 ? history.substring(0, 8000) + "…" : history);
    try {
      String text = json.writeValueAsString(evidence);
      return text.length() > MAX_EVIDENCE ? text.substring(0, MAX_EVIDENCE) : text;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("drift evidence cannot be written as JSON", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
