package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.change.EnvironmentKind;
import io.changegate.change.Target;
import io.changegate.change.TargetAdapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Immutable promotion, without Spring or a database: the environment catalog and the changes validated so far are
 * lists.
 */
class PromotionPolicyTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);

  /** A validated deployment: environment, service, digest, the change that did it, through a simulator or not. */
  record Validated(String environment, String service, String digest, String changeId, boolean simulated) {

    Validated(String environment, String service, String digest, String changeId) {
      this(environment, service, digest, changeId, false);
    }
  }

  private final List<Validated> validated = new ArrayList<>();
  private final List<String> asked = new ArrayList<>();
  private final ValidatedReleases releases = (environment, service, digest, notThrough) -> {
    asked.add(environment + "/" + service + "/" + digest);
    return validated.stream().filter(v -> v.environment().equals(environment) && v.service().equals(service)
            && v.digest().equals(digest) && !(v.simulated() && notThrough.contains("sandbox")))
        .map(Validated::changeId).reduce((older, newer) -> newer);
  };
  private final List<EnvironmentFacts> environments = new ArrayList<>(List.of(
      environment("dev", EnvironmentKind.DEVELOPMENT, 1),
      environment("staging", EnvironmentKind.PRE_PRODUCTION, 2),
      environment("production", EnvironmentKind.PRODUCTION, 3),
      environment("qa", EnvironmentKind.TEST, null)));
  private final EnvironmentCatalog catalog = new EnvironmentCatalog() {
    @Override
    public Optional<EnvironmentFacts> find(String name) {
      return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    @Override
    public List<EnvironmentFacts> all() {
      return List.copyOf(environments);
    }
  };
  private final TargetAdapters adapters = new TargetAdapters() {
    @Override
    public Set<String> names() {
      return Set.of("sandbox", "argocd");
    }

    @Override
    public String defaultAdapter() {
      return "sandbox";
    }

    @Override
    public Set<String> simulators() {
      return Set.of("sandbox");
    }
  };
  private final PromotionPolicy policy = new PromotionPolicy(catalog, adapters, releases);

  private static EnvironmentFacts environment(String name, EnvironmentKind kind, Integer position) {
    return new EnvironmentFacts(name, kind, "operations", List.of("sandbox", "argocd"), position);
  }

  @Test
  void theFirstEnvironmentAndEnvironmentsOutsideTheOrderTakeAnyDigest() {
    assertThat(policy.refusal(UnitChanges.change("CHG-1", "payments-api", "dev", DIGEST))).isEmpty();
    assertThat(policy.refusal(UnitChanges.change("CHG-2", "payments-api", "qa", null))).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void aDigestReachesAnEnvironmentOnlyAfterItWasValidatedInTheOneBefore() {
    Change production = UnitChanges.change("CHG-3", "payments-api", "production", DIGEST);

    Optional<String> refusal = policy.refusal(production);

    assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
        .contains(DIGEST, "payments-api", "no successful, validated deployment in staging", "production"));
    assertThat(asked).first().isEqualTo("staging/payments-api/" + DIGEST);

    validated.add(new Validated("staging", "payments-api", DIGEST, "CHG-2"));

    assertThat(policy.refusal(production)).isEmpty();
    assertThat(policy.evidence(production)).contains("CHG-2");
  }

  @Test
  void onlyTheSameDigestOfTheSameServiceInThePreviousEnvironmentCounts() {
    validated.add(new Validated("staging", "payments-api", OTHER_DIGEST, "CHG-4"));
    validated.add(new Validated("staging", "ledger", DIGEST, "CHG-5"));
    validated.add(new Validated("dev", "payments-api", DIGEST, "CHG-6"));

    Change production = UnitChanges.change("CHG-7", "payments-api", "production", DIGEST);

    assertThat(policy.refusal(production)).isPresent();
    assertThat(policy.evidence(production)).isEmpty();
    // one step only: dev's validation is what staging needs, not production
    assertThat(policy.refusal(UnitChanges.change("CHG-8", "payments-api", "staging", DIGEST))).isEmpty();
    assertThat(policy.evidence(UnitChanges.change("CHG-8", "payments-api", "staging", DIGEST))).contains("CHG-6");
  }

  @Test
  void withoutADigestNothingIsPromotedPastTheFirstEnvironment() {
    Optional<String> refusal = policy.refusal(UnitChanges.change("CHG-9", "payments-api", "staging", null));

    assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
        .contains("Promotion to staging needs the artifact's digest", "validated in dev"));
    assertThat(asked).isEmpty();
  }

  @Test
  void aSimulatedValidationEarnsNoPromotionToARealDeploymentButLetsTheDemoGoOn() {
    validated.add(new Validated("staging", "payments-api", DIGEST, "CHG-11", true));

    Change real = changeThrough("argocd", "production");
    assertThat(policy.refusal(real)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("through a real deployment adapter", "a simulated deployment earns no promotion to a real one"));
    assertThat(policy.evidence(real)).isEmpty();

    Change simulated = changeThrough("sandbox", "production");
    assertThat(policy.refusal(simulated)).isEmpty();
    assertThat(policy.evidence(simulated)).contains("CHG-11");

    validated.add(new Validated("staging", "payments-api", DIGEST, "CHG-12"));
    assertThat(policy.refusal(real)).isEmpty();
    assertThat(policy.evidence(real)).contains("CHG-12");
  }

  @Test
  void theKindComesFromTheCatalogNotTheName() {
    // "prod" is no production for its name, and "live" is one for its kind: with nothing before it, nothing reaches it
    environments.add(environment("prod", EnvironmentKind.TEST, null));
    environments.add(environment("live", EnvironmentKind.PRODUCTION, 7));
    environments.removeIf(e -> e.promotionOrder() != null && e.promotionOrder() < 7 && !e.name().equals("live"));

    assertThat(policy.refusal(UnitChanges.change("CHG-13", "payments-api", "prod", null))).isEmpty();
    assertThat(policy.refusal(UnitChanges.change("CHG-14", "payments-api", "live", DIGEST)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("live is a production environment",
            "no environment before it"));
  }

  @Test
  void anEnvironmentTheCatalogDoesNotKnowCountsAsProduction() {
    assertThat(policy.refusal(UnitChanges.change("CHG-15", "payments-api", "sandbox-eu", DIGEST)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("sandbox-eu is a production environment"));
  }

  private static Change changeThrough(String adapter, String environment) {
    Change c = UnitChanges.change("CHG-20", "payments-api", environment, DIGEST);
    return new Change(c.id(), c.title(), c.description(), c.service(), c.environment(),
        new Artifact("payments-api", "1.2.3", DIGEST), c.impact(), c.urgency(), c.regulated(), c.securityRelevant(),
        c.standardChangeTemplate(), c.emergency(), c.emergencyJustification(), c.plannedStart(), c.plannedEnd(),
        List.of(new Target(adapter, "payments-api")), c.rollbackPlan(), c.validation(), c.dryRun(), c.requester(),
        c.status(), c.type(), c.classificationReason(), c.riskLevel(), c.createdAt(), c.updatedAt());
  }
}
