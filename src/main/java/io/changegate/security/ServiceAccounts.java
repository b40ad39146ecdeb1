package io.changegate.security;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.web.ConflictException;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service accounts for pipelines: an administrator creates one with its scope and gets its token once; Changegate
 * keeps only the token's SHA-256 (a token is 256 random bits, so a plain hash cannot be reversed by guessing), finds
 * the account by that hash and compares it in constant time. A token expires, and can be revoked; each creation,
 * revocation, use and refusal is in the audit trail.
 */
@Service
public class ServiceAccounts {

  /** Every token starts so (a scanner for leaked secrets can recognise it); 43 base64url characters follow. */
  public static final String TOKEN_PREFIX = "cgt_";
  static final Pattern TOKEN = Pattern.compile("cgt_[A-Za-z0-9_-]{43}");
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
  static final Pattern SCOPE_NAME = Pattern.compile("\\*|[a-z0-9][a-z0-9._-]{0,62}");
  private static final int MAX_SCOPE = 50;

  private final ServiceAccountRepository repository;
  private final ServiceAccountProperties properties;
  private final AuditTrail audit;
  private final Clock clock;
  private final IdentityService identity;
  private final SecureRandom random = new SecureRandom();

  ServiceAccounts(ServiceAccountRepository repository, ServiceAccountProperties properties, AuditTrail audit,
      Clock clock, IdentityService identity) {
    this.identity = identity;
    this.repository = repository;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** What an administrator asks for. {@code expiresAt} null: the default lifetime. */
  public record Request(String name, String description, String owner, List<String> services,
      List<String> environments, List<String> actions, Instant expiresAt) {}

  /** A new account and its token, which is never shown again. */
  public record Created(ServiceAccount account, String token) {}

  /** The outcome of presenting a token: the account, or why not (for the audit trail, never for the caller). */
  public record Verdict(ServiceAccount account, String refusal) {
    public boolean accepted() {
      return refusal == null;
    }
  }

  @Transactional
  public Created create(Request request, String administrator) {
    Instant now = clock.instant();
    List<FieldError> errors = new ArrayList<>();
    if (request.name() == null || !NAME.matcher(request.name()).matches()) {
      errors.add(new FieldError("name", "must be 1-60 characters: lower-case letters, digits or '-', starting with a "
          + "letter or digit"));
    }
    if (request.description() != null && request.description().length() > 500) {
      errors.add(new FieldError("description", "must be at most 500 characters"));
    }
    if (request.owner() == null || request.owner().isBlank()) {
      errors.add(new FieldError("owner", "name the person who owns the account (a Changegate user): they do the "
          + "requester's own steps of the changes it submits"));
    } else if (request.owner().startsWith(ServiceAccount.ACTOR_PREFIX) || identity.createUserQuery()
        .userId(request.owner()).count() == 0) {
      errors.add(new FieldError("owner", "must be an existing Changegate user, not a service account"));
    }
    List<String> services = scope("services", request.services(), errors);
    List<String> environments = scope("environments", request.environments(), errors);
    Set<ServiceAccountAction> actions = EnumSet.noneOf(ServiceAccountAction.class);
    if (request.actions() == null || request.actions().isEmpty()) {
      errors.add(new FieldError("actions", "name at least one of " + wires()));
    } else {
      for (int i = 0; i < request.actions().size(); i++) {
        String action = request.actions().get(i);
        Optional<ServiceAccountAction> known = ServiceAccountAction.of(action);
        if (known.isEmpty()) {
          errors.add(new FieldError("actions[" + i + "]", "must be one of " + wires()));
        } else {
          actions.add(known.get());
        }
      }
    }
    Instant expiresAt = request.expiresAt() == null ? now.plus(properties.defaultLifetime()) : request.expiresAt();
    if (!expiresAt.isAfter(now)) {
      errors.add(new FieldError("expiresAt", "must be in the future"));
    } else if (expiresAt.isAfter(now.plus(properties.maxLifetime()))) {
      errors.add(new FieldError("expiresAt", "must be at most " + properties.maxLifetime() + " from now"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The service account has " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
    if (repository.exists(request.name())) {
      throw new ConflictException("Service account exists",
          "A service account named " + request.name() + " exists (revoked accounts keep their name)");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ServiceAccount account = new ServiceAccount(request.name(), blankToNull(request.description()),
        request.owner(), token.substring(0, 10), services, environments, actions, administrator, now, expiresAt, null, null, null);
    repository.insert(account, hash(token));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("account", account.name());
    details.put("tokenPrefix", account.tokenPrefix());
    details.put("owner", account.owner());
    details.put("services", services);
    details.put("environments", environments);
    details.put("actions", actions.stream().map(ServiceAccountAction::wire).toList());
    details.put("expiresAt", expiresAt.toString());
    audit.record(administrator, AuditAction.SERVICE_ACCOUNT_CREATED, null, details);
    return new Created(account, token);
  }

  public List<ServiceAccount> list() {
    return repository.list();
  }

  public ServiceAccount get(String name) {
    return repository.find(name).orElseThrow(() -> new NotFoundException("No such service account",
        "No service account named " + name));
  }

  @Transactional
  public ServiceAccount revoke(String name, String administrator) {
    ServiceAccount account = get(name);
    if (!repository.revoke(name, administrator, clock.instant())) {
      throw new ConflictException("Already revoked", "The token of " + name + " was revoked at "
          + account.revokedAt());
    }
    audit.record(administrator, AuditAction.SERVICE_ACCOUNT_REVOKED, null,
        Map.of("account", name, "tokenPrefix", account.tokenPrefix()));
    return get(name);
  }

  /**
   * The account a bearer token belongs to, if it is valid now. The token is looked up by its SHA-256 (the time
   * of the lookup depends on the hash, not on how much of a guess is right) and the hash compared in constant time.
   */
  public Verdict authenticate(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return new Verdict(null, "not a Changegate token");
    }
    String hash = hash(token);
    Optional<ServiceAccountRepository.Stored> stored = repository.findByTokenHash(hash);
    if (stored.isEmpty() || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
        stored.get().tokenHash().getBytes(StandardCharsets.US_ASCII))) {
      return new Verdict(null, "unknown token");
    }
    ServiceAccount account = stored.get().account();
    Instant now = clock.instant();
    if (account.revoked()) {
      return new Verdict(account, "revoked at " + account.revokedAt());
    }
    if (account.expired(now)) {
      return new Verdict(account, "expired at " + account.expiresAt());
    }
    repository.used(account.name(), now);
    return new Verdict(account, null);
  }

  /** Records a request made with the account's token and what it was answered. */
  public void recordUse(ServiceAccount account, String method, String path, int status) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("account", account.name());
    details.put("method", method);
    details.put("path", path);
    details.put("status", status);
    audit.record(account.actor(), AuditAction.SERVICE_ACCOUNT_USED, null, details);
  }

  /** Records a refused token of a known account (expired, revoked): who tried to use it, from where. */
  public void recordRefusal(ServiceAccount account, String reason, String method, String path, String client) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("account", account.name());
    details.put("reason", reason);
    details.put("method", method);
    details.put("path", path);
    details.put("client", client == null ? "" : client);
    audit.record(account.actor(), AuditAction.SERVICE_ACCOUNT_REFUSED, null, details);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> scope(String field, List<String> values, List<FieldError> errors) {
    if (values == null || values.isEmpty()) {
      errors.add(new FieldError(field, "name at least one, or \"*\" for any"));
      return List.of();
    }
    if (values.size() > MAX_SCOPE) {
      errors.add(new FieldError(field, "at most " + MAX_SCOPE));
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || !SCOPE_NAME.matcher(values.get(i)).matches()) {
        errors.add(new FieldError(field + "[" + i + "]", "must be \"*\" or a name of 1-63 characters: lower-case "
            + "letters, digits, '.', '_' or '-'"));
      }
    }
    return values.contains(ServiceAccount.ANY) ? List.of(ServiceAccount.ANY) : values.stream().distinct().toList();
  }

  private static String wires() {
    return java.util.Arrays.stream(ServiceAccountAction.values()).map(ServiceAccountAction::wire).toList()
        .toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
