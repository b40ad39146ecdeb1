package io.changegate.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A pipeline's identity on {@code /api}: its name (it acts as {@code svc:<name>}), its owner (the person who does the
 * requester's own steps of the changes it submits; null only for accounts created before owners existed), its scope
 * (services, environments: {@code *} for any; actions) and the life of its token. The token itself is never kept,
 * only its SHA-256.
 */
public record ServiceAccount(String name, String description, String owner, String tokenPrefix, List<String> services,
    List<String> environments, Set<ServiceAccountAction> actions, String createdBy, Instant createdAt,
    Instant expiresAt, String revokedBy, Instant revokedAt, Instant lastUsedAt) {

  public static final String ANY = "*";
  /** How a service account is named as an actor; no user id can contain a colon. */
  public static final String ACTOR_PREFIX = "svc:";

  public String actor() {
    return ACTOR_PREFIX + name;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean mayAct(ServiceAccountAction action) {
    return actions.contains(action);
  }

  public boolean covers(String service, String environment) {
    return (services.contains(ANY) || services.contains(service))
        && (environments.contains(ANY) || environments.contains(environment));
  }

  /** {@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}. */
  public String status(Instant now) {
    return revoked() ? "REVOKED" : expired(now) ? "EXPIRED" : "ACTIVE";
  }
}
