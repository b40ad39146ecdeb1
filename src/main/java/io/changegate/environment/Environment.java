package io.changegate.environment;

import io.changegate.change.EnvironmentFacts;
import io.changegate.change.EnvironmentKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One environment of the catalog.
 *
 * @param name what changes name it by (lower-case, {@code change.Names})
 * @param kind production, pre-production, test or development: whether production rules apply
 * @param ownerGroup the group that owns it: keeps it and signs off every change to it
 * @param allowedAdapters the deployment adapters a change may use there, in order of preference
 * @param promotionOrder position in the promotion order (1 first), {@code null} outside it
 * @param dataClassification how sensitive its data is
 * @param infrastructureTemplate reference of the infrastructure template it is built from (module, chart), or null
 * @param templateParameters this environment's overrides of the template's parameters
 * @param capacity how many deployments it takes at once
 * @param version incremented by every update
 */
public record Environment(
    String name,
    EnvironmentKind kind,
    String ownerGroup,
    List<String> allowedAdapters,
    Integer promotionOrder,
    DataClassification dataClassification,
    String infrastructureTemplate,
    Map<String, String> templateParameters,
    int capacity,
    long version,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt) {

  public Environment {
    allowedAdapters = List.copyOf(allowedAdapters);
    templateParameters = Map.copyOf(templateParameters);
  }

  public EnvironmentFacts facts() {
    return new EnvironmentFacts(name, kind, ownerGroup, allowedAdapters, promotionOrder, capacity);
  }
}
