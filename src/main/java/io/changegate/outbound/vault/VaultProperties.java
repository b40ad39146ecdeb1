package io.changegate.outbound.vault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.vault}: HashiCorp Vault as the source of the external systems' credentials. Off unless {@code url}
 * is set. Login with a token ({@code auth: token}, the token read from {@code token-property} at each login) or with
 * AppRole ({@code auth: approle}, {@code role-id} and the secret id read from {@code secret-id-property}). Each entry of
 * {@code secrets} maps a credential property an adapter names ({@code CHANGEGATE_ARGOCD_TOKEN}) to a Vault path and
 * the field of its data that holds the secret: a dynamic secret ({@code database/creds/deployer}) is leased for the
 * job that uses it, renewed while the job runs and revoked after; a KV secret is read as it is.
 *
 * @param renewEvery how often open leases are looked at; a lease is renewed once less than half its time is left
 * @param renewIncrement the extension asked for at each renewal
 * @param unscopedUse how long a lease obtained outside a transaction stays before it is revoked
 */
@ConfigurationProperties("changegate.vault")
public record VaultProperties(
    URI url,
    @DefaultValue("token") String auth,
    @DefaultValue("VAULT_TOKEN") String tokenProperty,
    String roleId,
    @DefaultValue("VAULT_SECRET_ID") String secretIdProperty,
    @DefaultValue("approle") String approleMount,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT15S") Duration renewEvery,
    @DefaultValue("PT5M") Duration renewIncrement,
    @DefaultValue("PT5M") Duration unscopedUse,
    Map<String, Secret> secrets) {

  public VaultProperties {
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    if (!auth.equals("token") && !auth.equals("approle")) {
      throw new IllegalArgumentException("changegate.vault.auth must be token or approle, not " + auth);
    }
    if (url != null && auth.equals("approle") && (roleId == null || roleId.isBlank())) {
      throw new IllegalArgumentException("changegate.vault.role-id is required for AppRole login");
    }
  }

  /** Where a credential lives in Vault: the path read ({@code GET /v1/<path>}) and the field of its data. */
  public record Secret(String path, @DefaultValue("value") String field) {}

  public boolean enabled() {
    return url != null;
  }

  /** The Vault secret of a credential property, when Vault is on and holds it. */
  public Optional<Secret> secretFor(String property) {
    return enabled() ? Optional.ofNullable(secrets.get(property)) : Optional.empty();
  }
}
