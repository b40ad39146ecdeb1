package io.changegate.outbound;

import io.changegate.outbound.vault.VaultLeases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Secrets of the external systems (deployment, incident, monitoring), read from configuration or the environment at the
 * moment of each call (so a rotated secret needs no restart), by the name of the property or variable
 * that holds them. They are never kept in fields, process variables, history, the audit trail or logs;
 * error messages name the property, never its value.
 */
@Component
public class Credentials {

  private final Environment environment;
  private final VaultLeases vault;

  @Autowired
  public Credentials(Environment environment, VaultLeases vault) {
    this.environment = environment;
    this.vault = vault;
  }

  /** Credentials from the environment only (Vault off): adapters built by hand, in tests. */
  public Credentials(Environment environment) {
    this(environment, null);
  }

  /**
   * The secret held by {@code property} (e.g. {@code CHANGEGATE_ARGOCD_TOKEN}): from Vault when
   * {@code changegate.vault.secrets} maps it (leased for the current transaction, {@link VaultLeases}), else from the
   * environment; missing is a technical failure.
   */
  public String secret(String property) {
    if (property != null && vault != null && vault.holds(property)) {
      return vault.secret(property);
    }
    String value = property == null ? null : environment.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the credential '" + property + "' is not configured"
          + " (set it as an environment variable or property)");
    }
    return value;
  }
}
