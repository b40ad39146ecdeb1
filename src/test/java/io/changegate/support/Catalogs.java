package io.changegate.support;

import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.change.EnvironmentKind;
import java.util.List;
import java.util.Optional;

/** Environment catalogs for unit tests: a fixed list. */
public final class Catalogs {

  private Catalogs() {}

  /** The demo's staging (pre-production, first) and production (second), owned by operations. */
  public static EnvironmentCatalog demo() {
    return of(new EnvironmentFacts("staging", EnvironmentKind.PRE_PRODUCTION, "operations", List.of("sandbox"), 1),
        new EnvironmentFacts("production", EnvironmentKind.PRODUCTION, "operations", List.of("sandbox"), 2));
  }

  public static EnvironmentCatalog of(EnvironmentFacts... environments) {
    List<EnvironmentFacts> all = List.of(environments);
    return new EnvironmentCatalog() {
      @Override
      public Optional<EnvironmentFacts> find(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst();
      }

      @Override
      public List<EnvironmentFacts> all() {
        return all;
      }
    };
  }
}
