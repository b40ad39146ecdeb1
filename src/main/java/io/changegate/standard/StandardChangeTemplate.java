package io.changegate.standard;

import io.changegate.change.Level;
import java.util.List;

/**
 * A pre-approved change template: the services and environments it covers (no environment listed: every environment
 * of the catalog, for a template whose own rule picks its targets, such as {@code environment-refresh}) and its
 * maximum impact.
 */
public record StandardChangeTemplate(
    String id,
    String name,
    String description,
    List<String> services,
    List<String> environments,
    Level maxImpact) {

  public StandardChangeTemplate {
    services = services == null ? List.of() : List.copyOf(services);
    environments = environments == null ? List.of() : List.copyOf(environments);
  }
}
