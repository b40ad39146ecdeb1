package io.changegate.change;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The environment catalog, as the governance of a change needs it: which environments exist, their kind, owner,
 * allowed adapters and promotion order. The environment capability implements it; the change core names no other
 * capability.
 */
public interface EnvironmentCatalog {

  /** The environment of this exact name (names are compared as stored: lower-case, no trimming). */
  Optional<EnvironmentFacts> find(String name);

  /** Every environment of the catalog. */
  List<EnvironmentFacts> all();

  /**
   * The kind of an environment. One the catalog does not know (a change recorded before the catalog existed) is
   * treated as production: every production rule applies, none is skipped.
   */
  default EnvironmentKind kindOf(String name) {
    return find(name).map(EnvironmentFacts::kind).orElse(EnvironmentKind.PRODUCTION);
  }

  default boolean isProduction(String name) {
    return kindOf(name).isProduction();
  }

  /** The environment just before this one in the promotion order; empty for the first and for one outside it. */
  default Optional<EnvironmentFacts> previousInPromotion(String name) {
    Optional<EnvironmentFacts> self = find(name);
    if (self.isEmpty() || self.get().promotionOrder() == null) {
      return Optional.empty();
    }
    int position = self.get().promotionOrder();
    return all().stream().filter(e -> e.promotionOrder() != null && e.promotionOrder() < position)
        .max(Comparator.comparingInt(EnvironmentFacts::promotionOrder));
  }
}
