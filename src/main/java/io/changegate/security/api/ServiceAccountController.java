package io.changegate.security.api;

import io.changegate.security.ServiceAccount;
import io.changegate.security.ServiceAccountAction;
import io.changegate.security.ServiceAccounts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/service-accounts}: administrators create pipelines' service accounts (the token is in the answer to
 * the creation and nowhere else, ever), list them and revoke their tokens.
 */
@RestController
@RequestMapping("/api/service-accounts")
class ServiceAccountController {

  private final ServiceAccounts accounts;
  private final Clock clock;

  ServiceAccountController(ServiceAccounts accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  /** The body of {@code POST /api/service-accounts}. */
  record NewServiceAccount(String name, String description,
      @Schema(description = "The person (a Changegate user, not a service account) who owns the account: the "
          + "requester's own steps of the changes it submits are offered to them, and segregation of duties treats "
          + "them as the requester", requiredMode = Schema.RequiredMode.REQUIRED, example = "requester")
      String owner, List<String> services, List<String> environments, List<String> actions,
      OffsetDateTime expiresAt) {}

  /** An account as listed: its scope and the life of its token, never the token. */
  record AccountView(String name, String description,
      @Schema(description = "The person who does the requester's own steps of the account's changes; null for an "
          + "account created before owners existed") String owner, String tokenPrefix, List<String> services,
      List<String> environments, List<ServiceAccountAction> actions, String status, String createdBy,
      Instant createdAt, Instant expiresAt, String revokedBy, Instant revokedAt, Instant lastUsedAt) {

    static AccountView of(ServiceAccount a, Instant now) {
      return new AccountView(a.name(), a.description(), a.owner(), a.tokenPrefix(), a.services(), a.environments(),
          a.actions().stream().sorted().toList(), a.status(now), a.createdBy(), a.createdAt(), a.expiresAt(),
          a.revokedBy(), a.revokedAt(), a.lastUsedAt());
    }
  }

  /** The answer to a creation: the account and its token, shown this once. */
  record CreatedView(AccountView account, String token, String actor) {}

  @PostMapping
  ResponseEntity<CreatedView> create(@RequestBody NewServiceAccount body, Authentication user) {
    ServiceAccounts.Created created = accounts.create(new ServiceAccounts.Request(body.name(), body.description(),
        body.owner(), body.services(), body.environments(), body.actions(),
        body.expiresAt() == null ? null : body.expiresAt().toInstant()), user.getName());
    return ResponseEntity.created(URI.create("/api/service-accounts/" + created.account().name()))
        .body(new CreatedView(AccountView.of(created.account(), clock.instant()), created.token(),
            created.account().actor()));
  }

  @GetMapping
  List<AccountView> list() {
    Instant now = clock.instant();
    return accounts.list().stream().map(a -> AccountView.of(a, now)).toList();
  }

  @GetMapping("/{name}")
  AccountView get(@PathVariable String name) {
    return AccountView.of(accounts.get(name), clock.instant());
  }

  @PostMapping("/{name}/revoke")
  AccountView revoke(@PathVariable String name, Authentication user) {
    return AccountView.of(accounts.revoke(name, user.getName()), clock.instant());
  }
}
