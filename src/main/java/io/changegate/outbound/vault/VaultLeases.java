package io.changegate.outbound.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Credentials from Vault, leased for the job that uses them: the first use of a credential in a transaction (an engine
 * job, an API call) reads it from Vault; later uses in that transaction get the same secret; when the transaction ends,
 * committed or not, its leases are revoked. While it runs, a lease with less than half its time left is renewed. Only
 * lease ids (with the property and the Vault path) are recorded — in the audit trail as {@code CREDENTIAL_LEASED},
 * {@code CREDENTIAL_LEASE_RENEWED} and {@code CREDENTIAL_LEASE_REVOKED}, written in transactions of their own so that a
 * job that rolls back still leaves them; the secret itself is kept only in memory, for as long as its lease is open.
 */
@Component
public class VaultLeases {

  public static final String ACTOR = "vault";
  private static final Logger LOG = LoggerFactory.getLogger(VaultLeases.class);
  private static final String SCOPE = VaultLeases.class.getName() + ".scope";

  private final VaultProperties properties;
  private final VaultClient client;
  private final AuditTrail audit;
  private final Clock clock;
  private final Map<String, Lease> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService background;

  /** An open lease: the value lives here until the lease is revoked. */
  private static final class Lease {
    final String property;
    final String path;
    final String leaseId;
    final boolean renewable;
    final String value;
    final Instant revokeAt;
    volatile Duration duration;
    volatile Instant expires;

    Lease(String property, String path, VaultClient.Leased leased, Instant now, Instant revokeAt) {
      this.property = property;
      this.path = path;
      this.leaseId = leased.leaseId();
      this.renewable = leased.renewable();
      this.value = leased.value();
      this.duration = leased.leaseDuration();
      this.expires = now.plus(leased.leaseDuration());
      this.revokeAt = revokeAt;
    }
  }

  public VaultLeases(VaultProperties properties, Environment environment, ObjectMapper json, AuditTrail audit,
      Clock clock) {
    this.properties = properties;
    this.client = new VaultClient(properties, environment, json, clock);
    this.audit = audit;
    this.clock = clock;
    if (properties.enabled()) {
      background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "changegate-vault-leases");
        thread.setDaemon(true);
        return thread;
      });
      long every = Math.max(1, properties.renewEvery().toMillis());
      background.scheduleWithFixedDelay(this::renewOpenLeases, every, every, TimeUnit.MILLISECONDS);
    } else {
      background = null;
    }
  }

  /** Whether Vault holds the credential {@code property}. */
  public boolean holds(String property) {
    return properties.secretFor(property).isPresent();
  }

  /** The secret of {@code property} from Vault, leased for the current transaction. */
  public String secret(String property) {
    VaultProperties.Secret secret = properties.secretFor(property)
        .orElseThrow(() -> new IllegalStateException("Vault holds no credential '" + property + "'"));
    Map<String, Lease> scope = scope();
    if (scope != null && scope.containsKey(property)) {
      return scope.get(property).value;
    }
    VaultClient.Leased leased = client.read(secret);
    Instant now = clock.instant();
    Lease lease = new Lease(property, secret.path(), leased, now,
        scope == null ? now.plus(properties.unscopedUse()) : null);
    if (!lease.leaseId.isEmpty()) {
      open.put(lease.leaseId, lease);
      record(AuditAction.CREDENTIAL_LEASED, lease, Map.of("ttlSeconds", lease.duration.toSeconds(),
          "renewable", lease.renewable, "scope", scope == null ? "none" : "transaction"));
    }
    if (scope != null) {
      scope.put(property, lease);
    }
    return lease.value;
  }

  /** The leases of the current transaction, revoked when it completes; null outside a transaction. */
  @SuppressWarnings("unchecked")
  private Map<String, Lease> scope() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Map<String, Lease> scope = (Map<String, Lease>) TransactionSynchronizationManager.getResource(SCOPE);
    if (scope == null) {
      Map<String, Lease> leases = new LinkedHashMap<>();
      TransactionSynchronizationManager.bindResource(SCOPE, leases);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(SCOPE);
          leases.values().stream().filter(l -> !l.leaseId.isEmpty()).forEach(l -> later(() -> revoke(l)));
          leases.clear();
        }
      });
      scope = leases;
    }
    return scope;
  }

  /** Renews what is about to run out, revokes what was used outside a transaction and has had its time. */
  void renewOpenLeases() {
    Instant now = clock.instant();
    for (Lease lease : open.values()) {
      try {
        if (lease.revokeAt != null && !now.isBefore(lease.revokeAt)) {
          revoke(lease);
        } else if (lease.renewable && Duration.between(now, lease.expires).compareTo(lease.duration.dividedBy(2)) < 0) {
          Duration granted = client.renew(lease.leaseId, properties.renewIncrement());
          lease.duration = granted;
          lease.expires = now.plus(granted);
          record(AuditAction.CREDENTIAL_LEASE_RENEWED, lease, Map.of("ttlSeconds", granted.toSeconds()));
        }
      } catch (RuntimeException e) {
        LOG.warn("Vault lease {} ({}): {}", lease.leaseId, lease.path, e.getMessage());
      }
    }
  }

  private void revoke(Lease lease) {
    if (open.remove(lease.leaseId) == null) {
      return;
    }
    try {
      client.revoke(lease.leaseId);
      record(AuditAction.CREDENTIAL_LEASE_REVOKED, lease, Map.of());
    } catch (RuntimeException e) {
      LOG.warn("Vault lease {} ({}) was not revoked: {}; it expires at {}", lease.leaseId, lease.path,
          e.getMessage(), lease.expires);
    }
  }

  /** Revokes every lease still open (the application stops). */
  @PreDestroy
  void revokeAll() {
    open.values().forEach(this::revoke);
    if (background != null) {
      background.shutdown();
    }
  }

  private void later(Runnable task) {
    if (background != null) {
      background.execute(task);
    } else {
      task.run();
    }
  }

  private void record(AuditAction action, Lease lease, Map<String, ?> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("property", lease.property);
    details.put("path", lease.path);
    details.put("leaseId", lease.leaseId);
    details.putAll(more);
    // in a transaction of its own: a job that rolls back still leaves the trace of the lease it took
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      later(() -> audit.record(ACTOR, action, null, details));
    } else {
      audit.record(ACTOR, action, null, details);
    }
  }

  /** For tests: whether a lease is open. */
  boolean isOpen(String leaseId) {
    return open.containsKey(leaseId);
  }

  Optional<Instant> expiryOf(String leaseId) {
    return Optional.ofNullable(open.get(leaseId)).map(l -> l.expires);
  }
}
