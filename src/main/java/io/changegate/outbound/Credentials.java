package io.changegate.outbound;

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

  public Credentials(Environment environment) {
    this.environment = environment;
  }

  /** The secret held by {@code property} (e.g. {@code CHANGEGATE_ARGOCD_TOKEN}); missing is a technical failure. */
  public String secret(String property) {
    String value = property == null ? null : environment.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the credential '" + property + "' is not configured"
          + " (set it as an environment variable or property)");
    }
    return value;
  }
}
